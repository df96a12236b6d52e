"""The engine end to end through the API, with the fake harness adapter in tests/."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import ClassVar

import pytest
from attrs import evolve

from hsync_core import hookimpl
from hsync_core.config import Config, TargetConfig
from hsync_core.engine import Engine
from hsync_core.models import FileOutput, Rendered, TargetInfo
from hsync_core.plugins import make_plugin_manager
from hsync_core.store.state import StateStore
from hsync_core.testing import write_sample_setup

import fake_adapter

T = "fakeharness"


def engine(env, project, *, plugins=(fake_adapter,), config=None, targets=(T,), **options):
    pm = make_plugin_manager(load_entrypoints=False, plugins=plugins, environ={})
    return Engine(pm, env.context(project, config=config or Config(), **options), targets=targets)


def actions(result, target=T):
    return {
        (c.action, Path(c.path).name if "::" not in c.id else c.id.split("::")[1])
        for c in result.targets[target].changes
    }


@pytest.fixture
def setup(hsync_env):
    project = hsync_env.project()
    write_sample_setup(hsync_env, project)
    return hsync_env, project


def test_first_sync_creates_second_changes_nothing(setup):
    env, project = setup
    first = engine(env, project).run()
    assert first.targets[T].status == "success" and first.exit_code == 0
    assert (env.home / ".fake/skills/pdf-tools").is_symlink()
    assert (env.home / ".fake/skills/pdf-tools/scripts/extract.py").is_file()
    second = engine(env, project).run()
    assert second.targets[T].status == "unchanged"
    assert {c.action for c in second.targets[T].changes} == {"unchanged"}


def test_source_change_updates_and_removed_item_is_removed(setup):
    env, project = setup
    engine(env, project).run()
    (env.home / ".claude/agents/code-reviewer.md").unlink()
    (project / "CLAUDE.md").write_text("# Changed\n", encoding="utf-8")
    claude_json = json.loads((env.home / ".claude.json").read_text())
    del claude_json["mcpServers"]["github"]
    (env.home / ".claude.json").write_text(json.dumps(claude_json))
    result = engine(env, project).run()
    got = actions(result)
    assert ("remove", "code-reviewer.md") in got
    assert ("update", "hsync-block") in got
    assert ("remove", "mcp_servers.github") in got and ("remove", "mcpServers.github") in got
    assert not (env.home / ".fake/agents/code-reviewer.md").exists()
    assert not (env.home / ".fake/agents").exists(), "empty directories left by a removal are removed"
    assert "github" not in (env.home / ".fake/config.toml").read_text()
    assert "# Changed" in (project / ".fake/FAKE.md").read_text()


def test_unowned_file_is_a_conflict_and_left_alone(setup):
    env, project = setup
    mine = env.write(".fake/agents/code-reviewer.md", "my own agent\n")
    result = engine(env, project).run()
    change = next(c for c in result.targets[T].changes if c.path == mine)
    assert change.action == "conflict" and "does not own" in change.reason
    assert mine.read_text() == "my own agent\n"
    assert result.exit_code == 1
    forced = engine(env, project, force=True).run()
    assert mine.read_text() == "my own agent\n", "--force never takes over what hsync does not own"
    assert forced.exit_code == 1


def test_identical_unowned_file_is_adopted(setup):
    env, project = setup
    engine(env, project).run()
    state = env.hsync_home / "state.json"
    state.unlink()
    result = engine(env, project).run()
    assert {c.action for c in result.targets[T].changes} == {"unchanged"}
    assert json.loads(state.read_text())["scopes"]["user"]["targets"][T]["outputs"]


def test_user_server_with_the_same_name_is_a_conflict(setup):
    env, project = setup
    env.write(".fake/config.toml", '[mcp_servers.github]\ncommand = "my-own"\n')
    result = engine(env, project).run()
    change = next(c for c in result.targets[T].changes if c.id.endswith("::mcp_servers.github"))
    assert change.action == "conflict"
    assert 'command = "my-own"' in (env.home / ".fake/config.toml").read_text()


def test_drift_keep_then_overwrite_with_backup(setup):
    env, project = setup
    engine(env, project).run()
    agent = env.home / ".fake/agents/code-reviewer.md"
    agent.write_text("edited by hand\n")
    kept = engine(env, project).run()
    change = next(c for c in kept.targets[T].changes if c.path == agent)
    assert change.action == "conflict" and change.drift and "--force" in change.reason
    assert agent.read_text() == "edited by hand\n"
    overwritten = engine(env, project, config=Config(on_drift="overwrite")).run()
    assert agent.read_text().startswith("# code-reviewer")
    assert overwritten.exit_code == 0
    backups = list((env.hsync_home / "backups").rglob("code-reviewer.md"))
    assert [b.read_text() for b in backups] == ["edited by hand\n"]


def test_on_drift_hook_can_keep(setup):
    env, project = setup

    class Keeper:
        seen: ClassVar[list] = []

        @hookimpl
        def on_drift(self, target, drift, ctx):
            self.seen.append((target, drift.change.path.name))
            return "keep"

    keeper = Keeper()
    engine(env, project).run()
    (env.home / ".fake/agents/code-reviewer.md").write_text("hand\n")
    result = engine(env, project, plugins=(fake_adapter, keeper), force=True).run()
    assert keeper.seen == [(T, "code-reviewer.md")]
    assert (env.home / ".fake/agents/code-reviewer.md").read_text() == "hand\n"
    assert result.exit_code == 1


def test_drifted_entry_in_shared_file(setup):
    env, project = setup
    engine(env, project).run()
    config = env.home / ".fake/config.toml"
    config.write_text(config.read_text().replace('command = "npx"', 'command = "hand"'))
    result = engine(env, project).run()
    change = next(c for c in result.targets[T].changes if c.id.endswith("::mcp_servers.github"))
    assert change.action == "conflict" and change.drift


def test_stale_output_edited_by_hand_is_kept(setup):
    env, project = setup
    engine(env, project).run()
    agent = env.home / ".fake/agents/code-reviewer.md"
    agent.write_text("hand\n")
    (env.home / ".claude/agents/code-reviewer.md").unlink()
    result = engine(env, project).run()
    change = next(c for c in result.targets[T].changes if c.path == agent)
    assert change.action == "conflict" and "stale" in change.reason
    assert agent.read_text() == "hand\n"


def test_broken_target_file_is_left_byte_for_byte_and_the_rest_continues(setup):
    env, project = setup
    broken = env.write(".fake/config.toml", "this is [not toml\n")
    result = engine(env, project).run()
    failed = [c for c in result.targets[T].changes if c.action == "failed"]
    assert failed and all(c.path == broken for c in failed)
    assert "invalid TOML" in failed[0].reason
    assert broken.read_text() == "this is [not toml\n"
    assert (env.home / ".fake/agents/code-reviewer.md").exists()
    assert result.exit_code == 1


def test_dry_run_writes_nothing_not_even_state(setup):
    env, project = setup
    before = env.snapshot()
    result = engine(env, project, dry_run=True).run()
    assert result.targets[T].counts["created"] > 0
    assert env.snapshot() == before


def test_scope_user_only_touches_user_outputs(setup):
    env, project = setup
    result = engine(env, project, scope="user").run()
    assert all(c.level == "user" for c in result.targets[T].changes)
    assert not (project / ".fake").exists()


def test_config_kinds_and_excludes_are_permissions_logged_in_audit(setup):
    env, project = setup
    config = Config(kinds=["rules", "mcp"], target_options={T: TargetConfig(exclude=["mcp:git*"])})
    result = engine(env, project, config=config).run()
    kinds = {c.kind for c in result.targets[T].changes}
    assert kinds == {"rules", "mcp"}
    assert not any(c.id.endswith("mcp_servers.github") for c in result.targets[T].changes)
    lines = [json.loads(line) for line in (env.hsync_home / "audit.jsonl").read_text().splitlines()]
    assert {"target": T, "kind": "agents", "action": "deny"}.items() <= next(
        line for line in lines if line["kind"] == "agents" and line["item"] is None
    ).items()
    assert any(line["action"] == "deny" and line["item"] == "github" for line in lines)
    assert any(line["action"] == "create" for line in lines)


def test_local_rules_stay_out_of_tracked_files(setup):
    env, project = setup
    env.write(project / "CLAUDE.local.md", "PERSONAL NOTE\n")
    engine(env, project).run()
    assert "PERSONAL NOTE" in (project / ".fake/FAKE.md").read_text()
    import subprocess

    subprocess.run(["git", "-C", str(project), "add", ".fake/FAKE.md"], check=True, env=env.environ)
    result = engine(env, project).run()
    assert "PERSONAL NOTE" not in (project / ".fake/FAKE.md").read_text()
    assert any("git tracks it" in r.reason for r in result.targets[T].report)


class Twin:
    """A second target that renders the fake harness's project FAKE.md, optionally differently."""

    def __init__(self, name, differ):
        self.name, self.differ = name, differ

    @hookimpl
    def register_targets(self):
        return [TargetInfo(name=self.name)]

    @hookimpl
    def render_target(self, target, sources, ctx):
        if target != self.name:
            return None
        rendered = fake_adapter.render_target(target=T, sources=sources, ctx=ctx)
        outputs = [o for o in rendered.outputs if o.path.name == "FAKE.md"]
        if self.differ:
            outputs = [evolve(o, content=o.content + "different\n") for o in outputs]
        return Rendered(outputs=outputs)


def test_two_targets_same_bytes_share_one_write(setup):
    env, project = setup
    twin = Twin("twin", differ=False)
    result = engine(env, project, plugins=(fake_adapter, twin), targets=(T, "twin")).run()
    assert result.exit_code == 0
    assert (project / ".fake/FAKE.md").read_text().count("hsync:begin") == 1
    state = json.loads((env.hsync_home / "state.json").read_text())
    key = f"{project / '.fake/FAKE.md'}::hsync-block"
    assert key in state["scopes"][str(project)]["targets"]["twin"]["outputs"]
    assert key in state["scopes"][str(project)]["targets"][T]["outputs"]


def test_two_targets_different_bytes_is_an_error_naming_both(setup):
    env, project = setup
    twin = Twin("twin", differ=True)
    result = engine(env, project, plugins=(fake_adapter, twin), targets=(T, "twin")).run()
    failed = [c for c in result.targets["twin"].changes if c.action == "failed"]
    assert failed and "fakeharness and twin" in failed[0].reason
    assert result.exit_code == 1


class Escaper:
    @hookimpl
    def register_targets(self):
        return [TargetInfo(name="escaper")]

    @hookimpl
    def render_target(self, target, sources, ctx):
        if target != "escaper":
            return None
        root = ctx.home / ".escaper"
        return Rendered(
            outputs=[
                FileOutput(
                    path=root / "../outside.txt", root=root, level="user", kind="rules", item="x", content="x"
                ),
                FileOutput(
                    path=root / "link/inside.txt",
                    root=root,
                    level="user",
                    kind="rules",
                    item="y",
                    content="y",
                ),
            ]
        )


def test_outputs_never_leave_their_root_or_follow_links_out(hsync_env):
    outside = hsync_env.root / "elsewhere"
    outside.mkdir()
    (hsync_env.home / ".escaper").mkdir()
    os.symlink(outside, hsync_env.home / ".escaper/link")
    result = engine(hsync_env, None, plugins=(Escaper(),), targets=("escaper",)).run()
    failed = {c.path.name: c.reason for c in result.targets["escaper"].changes}
    assert "'..'" in failed["outside.txt"] and "link out of" in failed["inside.txt"]
    assert list(outside.iterdir()) == [] and not (hsync_env.home / "outside.txt").exists()


class Crasher:
    @hookimpl
    def register_targets(self):
        return [TargetInfo(name="crasher")]

    @hookimpl
    def render_target(self, target, sources, ctx):
        if target == "crasher":
            raise RuntimeError("adapter bug")


def test_a_crashing_adapter_fails_only_its_target(setup):
    env, project = setup
    result = engine(env, project, plugins=(fake_adapter, Crasher()), targets=(T, "crasher")).run()
    assert "adapter bug" in result.targets["crasher"].error
    assert result.targets[T].status == "success"
    assert result.exit_code == 1


def test_a_failed_render_removes_nothing(setup):
    env, project = setup
    engine(env, project).run()
    crasher = Crasher()
    crasher.render_target = lambda target, sources, ctx: (_ for _ in ()).throw(RuntimeError("boom"))

    class Broken:
        @hookimpl
        def register_targets(self):
            return [TargetInfo(name=T)]

        @hookimpl
        def render_target(self, target, sources, ctx):
            raise RuntimeError("boom")

    engine(env, project, plugins=(Broken(),)).run()
    assert (env.home / ".fake/agents/code-reviewer.md").exists()


def test_state_records_hashes_per_scope_and_target(setup):
    env, project = setup
    engine(env, project).run()
    state = StateStore(env.hsync_home).load()
    user = state.peek("user", T)
    assert user.result == "success" and user.last_sync and user.sources_digest
    record = user.outputs[str(env.home / ".fake/agents/code-reviewer.md")]
    import hashlib

    data = (env.home / ".fake/agents/code-reviewer.md").read_bytes()
    assert record.hash == hashlib.sha256(data).hexdigest() and record.style == "file"
    assert state.peek(str(project), T).outputs


def test_skill_copy_fallback_when_links_fail(setup, monkeypatch):
    env, project = setup

    def no_links(*args, **kwargs):
        raise OSError("links are not supported here")

    monkeypatch.setattr(os, "symlink", no_links)
    engine(env, project).run()
    copied = env.home / ".fake/skills/pdf-tools"
    assert copied.is_dir() and not copied.is_symlink() and (copied / ".hsync-copy").is_file()
    monkeypatch.undo()
    again = engine(env, project).run()
    change = next(c for c in again.targets[T].changes if c.path == copied)
    assert change.action == "unchanged"
    (env.home / ".claude/skills/pdf-tools/scripts/extract.py").write_text("print('v2')\n")
    updated = engine(env, project).run()
    change = next(c for c in updated.targets[T].changes if c.path == copied)
    assert change.action == "update"
    assert copied.is_symlink(), "once links work again the copy is replaced by a link"


def test_an_unwritable_directory_fails_its_outputs_only(setup):
    env, project = setup
    blocker = env.home / ".fake/agents"
    blocker.parent.mkdir(parents=True)
    blocker.write_text("a file where a directory is needed")
    result = engine(env, project).run()
    failed = [c for c in result.targets[T].changes if c.action == "failed"]
    assert failed and all("agents" in str(c.path) for c in failed)
    assert (env.home / ".fake/config.toml").exists()
    assert result.exit_code == 1
    blocker.unlink()
    again = engine(env, project).run()
    assert again.exit_code == 0 and (env.home / ".fake/agents/code-reviewer.md").exists()


def test_many_projects_share_user_outputs_and_keep_their_own(hsync_env):
    first, second = hsync_env.project("first"), hsync_env.project("second")
    write_sample_setup(hsync_env, first)
    hsync_env.write(second / "CLAUDE.md", "# Second\n")
    engine(hsync_env, first).run()
    result = engine(hsync_env, second).run()
    assert all(c.action == "unchanged" for c in result.targets[T].changes if c.level == "user")
    state = json.loads((hsync_env.hsync_home / "state.json").read_text())
    assert set(state["scopes"]) == {"user", str(first), str(second)}
    (first / "CLAUDE.md").unlink()
    engine(hsync_env, first).run()
    assert (second / ".fake/FAKE.md").exists() and "# Second" in (second / ".fake/FAKE.md").read_text()


def test_audit_log_rotates_by_size(setup, monkeypatch):
    from hsync_core.store import auditlog

    env, project = setup
    monkeypatch.setattr(auditlog, "MAX_BYTES", 200)
    for _ in range(3):
        engine(env, project).run()
    logs = sorted(p.name for p in env.hsync_home.glob("audit.jsonl*"))
    assert logs == ["audit.jsonl", "audit.jsonl.1", "audit.jsonl.2"]


def test_an_adopted_output_is_left_in_place_when_no_longer_rendered(setup):
    env, project = setup
    import fake_adapter as fake

    value = {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"]}
    settings = env.write(
        ".fake/settings.json", json.dumps({"mcpServers": {"github": value}}, indent=2) + "\n"
    )
    result = engine(env, project).run()
    change = next(c for c in result.targets[T].changes if c.id.endswith("settings.json::mcpServers.github"))
    assert change.action == "unchanged" and change.adopted
    claude_json = json.loads((env.home / ".claude.json").read_text())
    del claude_json["mcpServers"]["github"]
    (env.home / ".claude.json").write_text(json.dumps(claude_json))
    engine(env, project).run()
    servers = json.loads(settings.read_text())["mcpServers"]
    assert servers["github"] == value, "an entry hsync found but did not write is never removed"
    assert "github" not in (env.home / ".fake/config.toml").read_text(), "what hsync wrote is removed"
    assert fake.NAME == T
