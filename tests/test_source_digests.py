"""The remembered digests of the sources (``hsync_core.sources.digests``): every read by the
core's reader keeps the digest of each level with the stat of what it looked at; the
session-start hook takes them instead of reading when nothing changed, and reads again when
anything did (an edit that keeps size and mtime included). Through the API, on every real
setup, and through the CLI."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from test_noop_memo import settle
from test_render_cache import SETUPS, install, setup_id

from hsync_core.config import Config
from hsync_core.engine import Engine
from hsync_core.plugins import make_plugin_manager
from hsync_core.sources.digests import READER_ENVIRONMENT, level_digests, remembered
from hsync_core.sources.reader import read_all
from hsync_core.testing import HsyncEnv, write_sample_setup


def sync_twice(env: HsyncEnv, project: Path) -> None:
    """A sync, then one that writes nothing: the first one's own writes (new entries in folders
    its read listed) make its read's memo stale, as any other change would."""
    for _ in range(2):
        settle(env)
        Engine(make_plugin_manager(), env.context(project, config=Config())).run()


def remembered_for(env: HsyncEnv, project: Path, environ: dict[str, str] | None = None) -> dict | None:
    return remembered(env.hsync_home, env.home, project, Config(), environ or env.environ)


def read_now(env: HsyncEnv, project: Path) -> dict[str, str]:
    return level_digests(read_all(env.context(project, config=Config())), project)


@pytest.mark.parametrize("setup", SETUPS, ids=setup_id)
def test_a_sync_remembers_the_digests_it_recorded(hsync_env: HsyncEnv, setup: Path) -> None:
    project = install(hsync_env, setup)
    sync_twice(hsync_env, project)
    found = remembered_for(hsync_env, project)
    assert found is not None and found == read_now(hsync_env, project)
    state = json.loads((hsync_env.hsync_home / "state.json").read_text())
    for scope, level in ((str(project), "project"), ("user", "user")):
        recorded = {t["sources_digest"] for t in state["scopes"][scope]["targets"].values()}
        assert recorded == {found[level]}


def test_anything_the_read_looked_at_that_changed_forgets_them(hsync_env: HsyncEnv) -> None:
    project = hsync_env.project("acme")
    write_sample_setup(hsync_env, project)
    sync_twice(hsync_env, project)
    assert remembered_for(hsync_env, project) is not None

    rules = project / "CLAUDE.md"  # an edit that keeps size and mtime: ctime still moves
    st = rules.stat()
    text = rules.read_text()
    rules.write_text(text.swapcase())
    os.utime(rules, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert remembered_for(hsync_env, project) is None
    sync_twice(hsync_env, project)
    assert remembered_for(hsync_env, project) == read_now(hsync_env, project)

    (hsync_env.home / ".claude/commands/new-one.md").write_text("Do the new thing.\n")
    assert remembered_for(hsync_env, project) is None, "a folder listed has a new entry"
    sync_twice(hsync_env, project)
    assert remembered_for(hsync_env, project) is not None
    moved = {**hsync_env.environ, "CLAUDE_CONFIG_DIR": str(hsync_env.home / "elsewhere")}
    assert remembered_for(hsync_env, project, moved) is None, "another environment, another read"
    assert (
        remembered(hsync_env.hsync_home, hsync_env.home, project, Config(kinds=["rules"]), hsync_env.environ)
        is None
    )
    assert remembered_for(hsync_env, project, {**hsync_env.environ, "HSYNC_NO_CACHE": "1"}) is None


class Recording(dict):
    """An environment that notes every name looked up."""

    def __init__(self, values: dict[str, str]):
        super().__init__(values)
        self.seen: set[str] = set()

    def __getitem__(self, name):
        self.seen.add(name)
        return super().__getitem__(name)

    def get(self, name, default=None):
        self.seen.add(name)
        return super().get(name, default)

    def __contains__(self, name):
        self.seen.add(name)
        return super().__contains__(name)


@pytest.mark.parametrize("setup", SETUPS, ids=setup_id)
def test_the_reader_consults_only_the_environment_the_key_holds(
    hsync_env: HsyncEnv, setup: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = install(hsync_env, setup)
    ctx = hsync_env.context(project, config=Config())
    run_environ = Recording(dict(ctx.environ))
    object.__setattr__(ctx, "environ", run_environ)  # the run's environment, recorded
    process_environ = Recording(dict(os.environ))
    monkeypatch.setattr(os, "environ", process_environ)
    read_all(ctx)
    seen = {os.fsdecode(name) for name in run_environ.seen | process_environ.seen}
    assert seen <= set(READER_ENVIRONMENT), "the digests' key must hold every variable read"


def test_the_hook_sees_an_edit_that_keeps_size_and_mtime(hsync_env: HsyncEnv) -> None:
    project = hsync_env.project("acme")
    write_sample_setup(hsync_env, project)
    environ = {"CLAUDE_PROJECT_DIR": str(project)}
    assert hsync_env.run("sync", project=project).returncode == 0
    assert hsync_env.run("hook", "session-start", cwd=project, env=environ).stdout == ""  # reads
    quiet = hsync_env.run("hook", "session-start", cwd=project, env=environ)
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")
    assert [p for p in (hsync_env.hsync_home / "memo").iterdir() if p.name.startswith("sources-")]
    rules = project / "CLAUDE.md"
    st = rules.stat()
    rules.write_text(rules.read_text().swapcase())
    os.utime(rules, ns=(st.st_atime_ns, st.st_mtime_ns))
    stale = hsync_env.run("hook", "session-start", cwd=project, env=environ)
    assert stale.returncode == 0 and "out of date (sources changed since last sync)" in stale.stdout
