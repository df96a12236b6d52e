"""The AdapterContract itself, proved on the fake adapter (so it can fail: see the broken twin)."""

import pytest

from hsync_core import hookimpl
from hsync_core.testing import AdapterContract, write_sample_setup

import fake_adapter


class TestFakeAdapterContract(AdapterContract):
    target = "fakeharness"
    distribution = "hsync-fakeharness"
    plugin = fake_adapter

    def user_files(self, env, project):
        return {
            env.home
            / ".fake/config.toml": "# mine, keep me\nmodel = 'x'\n\n[mcp_servers.mine]\ncommand = 'a'\n",
            env.home
            / ".fake/settings.json": '{\n  // mine\n  "theme": "dark",\n  "mcpServers": {"own": {"url": "u"}}\n}\n',
        }

    # the fake adapter is installed (as a real entry point) by the ``env`` fixture
    def test_entry_point_loads(self, env):
        super().test_entry_point_loads()

    def test_cli_sync_end_to_end(self, env, contract_project):
        super().test_cli_sync_end_to_end(env, contract_project)


class Impure:
    """Writes while rendering: the contract must catch it."""

    @hookimpl
    def register_targets(self):
        return fake_adapter.register_targets()

    @hookimpl
    def render_target(self, target, sources, ctx):
        (ctx.home / "written-while-rendering").write_text("x")
        return fake_adapter.render_target(target=target, sources=sources, ctx=ctx)


def test_the_contract_catches_an_impure_adapter(hsync_env):
    class Contract(TestFakeAdapterContract):
        plugin = Impure()

    project = hsync_env.project()
    write_sample_setup(hsync_env, project)
    with pytest.raises(AssertionError, match="must not write"):
        Contract().test_render_is_deterministic_and_pure(hsync_env, project)
