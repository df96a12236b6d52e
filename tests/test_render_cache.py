"""The render cache (``hsync_core.planning.cache``): a cached run equals a full one, byte for byte,
on the realistic setups (the bundled ``examples/team`` and each adapter's ``fixtures/team``), and
drift stays as visible as without it. Through the CLI and through the engine."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from attrs import evolve

from hsync_core.config import Config
from hsync_core.engine import Engine
from hsync_core.plugins import make_plugin_manager
from hsync_core.testing import HsyncEnv

ROOT = Path(__file__).resolve().parent.parent
REALWORLD = ROOT / "tests" / "realworld"  # built by its setups module, not copied
SETUPS = [ROOT / "examples" / "team", *sorted(ROOT.glob("plugins/*/tests/fixtures/team")), REALWORLD]
NO_CACHE = {"HSYNC_NO_CACHE": "1"}


def install(env: HsyncEnv, setup: Path) -> Path:
    """``setup``'s home and project in the test home, the project committed to git."""
    project = env.root / "acme"
    if setup == REALWORLD:
        from realworld.setups import build_collection

        project.mkdir()
        build_collection(env, project)
    else:
        shutil.copytree(setup / "home", env.home, dirs_exist_ok=True, symlinks=True)
        shutil.copytree(setup / "project", project, symlinks=True)
    claude_json = env.home / ".claude.json"
    if claude_json.exists():
        claude_json.write_text(claude_json.read_text().replace("@PROJECT@", str(project)), encoding="utf-8")
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "setup"]):
        subprocess.run(["git", "-C", str(project), *args], check=True, env=env.environ)
    return project


def outputs(env: HsyncEnv) -> dict[str, bytes | str]:
    """Everything on disk but hsync's own store (state, audit log, backups)."""
    return {k: v for k, v in env.snapshot().items() if not k.startswith(str(env.hsync_home))}


def summary(run: subprocess.CompletedProcess[str]) -> dict[str, object]:
    doc = json.loads(run.stdout)
    return {
        t["target"] if isinstance(t, dict) and "target" in t else name: t for name, t in _targets(doc).items()
    }


def _targets(doc: dict) -> dict:
    targets = doc.get("targets", {})
    return targets if isinstance(targets, dict) else {t["target"]: t for t in targets}


def setup_id(setup: Path) -> str:
    return setup.relative_to(ROOT).parts[1] if "plugins" in setup.parts or setup == REALWORLD else "example"


@pytest.mark.parametrize("setup", SETUPS, ids=setup_id)
def test_cached_run_equals_full_run_byte_for_byte(hsync_env: HsyncEnv, setup: Path) -> None:
    project = install(hsync_env, setup)
    first = hsync_env.run("sync", "--json", project=project)
    assert first.returncode in (0, 1), first.stderr
    hsync_env.run("sync", project=project)  # renders once more: confirms what the writes changed
    on_disk = outputs(hsync_env)

    cached = hsync_env.run("sync", "--json", project=project)
    full = hsync_env.run("sync", "--json", project=project, env=NO_CACHE)
    assert cached.returncode == full.returncode
    assert summary(cached) == summary(full), "a replayed run reports what a full run reports"
    assert outputs(hsync_env) == on_disk, "neither run wrote anything"
    state = json.loads((hsync_env.hsync_home / "state.json").read_text())
    entries = [t.get("cache") for s in state["scopes"].values() for t in s["targets"].values()]
    if first.returncode == 0:
        assert entries and all(e and e["key"] for e in entries), "the cached run could replay"
    check = hsync_env.run("check", project=project, env=NO_CACHE)
    assert check.returncode == (0 if first.returncode == 0 else check.returncode)

    # a changed source: the cached sync and a full sync from the same start write the same bytes
    backup = hsync_env.root.parent / f"{hsync_env.root.name}-backup"
    shutil.copytree(hsync_env.root, backup, symlinks=True)
    claude_md = next(
        p for p in (project / "CLAUDE.md", hsync_env.home / ".claude" / "CLAUDE.md") if p.exists()
    )
    claude_md.write_text(claude_md.read_text() + "\n- One more rule.\n", encoding="utf-8")
    shutil.copy2(claude_md, backup / claude_md.relative_to(hsync_env.root))
    hsync_env.run("sync", project=project)
    with_cache = outputs(hsync_env)
    shutil.rmtree(hsync_env.root)
    shutil.copytree(backup, hsync_env.root, symlinks=True)
    hsync_env.run("sync", project=project, env=NO_CACHE)
    assert outputs(hsync_env) == with_cache
    assert with_cache != on_disk


def test_replayed_run_through_the_engine(hsync_env: HsyncEnv) -> None:
    project = install(hsync_env, SETUPS[0])
    plugins = make_plugin_manager()

    def run(**env: str):
        ctx = evolve(hsync_env.context(project, config=Config()), environ={**hsync_env.environ, **env})
        return Engine(plugins, ctx).run()

    first = run()
    run()
    again = run()
    full = run(**NO_CACHE)
    for target, result in full.targets.items():
        assert again.targets[target].counts == result.counts
        assert sorted(map(str, again.targets[target].report)) == sorted(map(str, result.report))
        assert all(c.action == "unchanged" and c.output is None for c in again.targets[target].changes)
        assert any(c.output is not None for c in result.changes), "the full run rendered"
    assert first.targets.keys() == full.targets.keys()


def test_edit_keeping_size_and_mtime_is_still_drift(hsync_env: HsyncEnv) -> None:
    project = install(hsync_env, SETUPS[0])
    assert hsync_env.run("sync", project=project).returncode in (0, 1)
    state = json.loads((hsync_env.hsync_home / "state.json").read_text())
    owned = [
        Path(o["path"])
        for scope in state["scopes"].values()
        for t in scope["targets"].values()
        for o in t["outputs"].values()
        if o["style"] == "file" and Path(o["path"]).is_file() and not Path(o["path"]).is_symlink()
    ]
    victim = owned[0]
    st = victim.stat()
    data = victim.read_bytes()
    victim.write_bytes(bytes([data[0] ^ 1]) + data[1:] if data else b"")  # same size
    os.utime(victim, ns=(st.st_atime_ns, st.st_mtime_ns))  # same mtime
    check = hsync_env.run("check", project=project)
    assert check.returncode == 4, check.stdout + check.stderr
    assert "drift" in (check.stdout + check.stderr)


def renders(run: subprocess.CompletedProcess[str]) -> int:
    """How many targets a traced run rendered (one ``render_target`` hook call each)."""
    return run.stderr.count("hsync trace: render_target(")


def test_only_the_target_whose_inputs_changed_renders(hsync_env: HsyncEnv) -> None:
    project = install(hsync_env, SETUPS[0])
    trace = {"HSYNC_TRACE_PLUGINS": "1"}
    hsync_env.run("sync", project=project)
    hsync_env.run("sync", project=project)  # confirms what the first run's writes changed
    targets = len(summary(hsync_env.run("sync", "--json", project=project)))
    assert targets >= 5
    assert renders(hsync_env.run("sync", project=project, env=trace)) == 0, "all replayed"

    # a comment in Codex's own config.toml: only codex's inputs (render_inputs) changed; codex
    # renders, and the targets sharing a file with it (the project's AGENTS.md) are planned too
    config = hsync_env.home / ".codex" / "config.toml"
    config.write_text(config.read_text() + "\n# a note of mine\n", encoding="utf-8")
    backup = hsync_env.root.parent / f"{hsync_env.root.name}-one-target"
    shutil.copytree(hsync_env.root, backup, symlinks=True)

    cached = hsync_env.run("sync", "--json", project=project, env=trace)
    assert 1 <= renders(cached) <= targets - 3, cached.stderr[-2000:]
    with_cache, cached_summary = outputs(hsync_env), summary(cached)
    assert renders(hsync_env.run("sync", project=project, env=trace)) == 0, "remembered again"

    shutil.rmtree(hsync_env.root)
    shutil.copytree(backup, hsync_env.root, symlinks=True)
    full = hsync_env.run("sync", "--json", project=project, env={**trace, **NO_CACHE})
    assert renders(full) == targets
    assert cached.returncode == full.returncode
    assert cached_summary == summary(full), "a partly replayed run reports what a full run reports"
    assert with_cache == outputs(hsync_env), "and leaves the same bytes"


def test_one_target_renders_through_the_engine(hsync_env: HsyncEnv) -> None:
    project = install(hsync_env, SETUPS[0])
    plugins = make_plugin_manager()

    def run(**env: str):
        ctx = evolve(hsync_env.context(project, config=Config()), environ={**hsync_env.environ, **env})
        return Engine(plugins, ctx).run()

    run()
    run()
    config = hsync_env.home / ".codex" / "config.toml"
    config.write_text(config.read_text() + "\n# a note of mine\n", encoding="utf-8")
    partly = run()
    full = run(**NO_CACHE)
    rendered = {t for t, r in partly.targets.items() if any(c.output is not None for c in r.changes)}
    assert "codex" in rendered and rendered <= {"codex", "opencode", "kilo"}, rendered  # AGENTS.md
    assert not rendered & {"gemini", "qwen", "copilot"}, "no file shared with codex: replayed"
    for target, result in full.targets.items():
        assert partly.targets[target].counts == result.counts, target
        assert sorted(map(str, partly.targets[target].report)) == sorted(map(str, result.report)), target


def test_a_hand_edit_in_one_scope_plans_only_what_shares_its_files(hsync_env: HsyncEnv) -> None:
    """A project file edited by hand: the user-level units of every target still replay."""
    project = install(hsync_env, SETUPS[0])
    plugins = make_plugin_manager()

    def run(**env: str):
        ctx = evolve(hsync_env.context(project, config=Config()), environ={**hsync_env.environ, **env})
        return Engine(plugins, ctx).run()

    run()
    run()
    gemini_md = project / "GEMINI.md"
    gemini_md.write_text(gemini_md.read_text() + "\nA line of mine.\n", encoding="utf-8")
    partly = run()
    planned = {(t, c.level) for t, r in partly.targets.items() for c in r.changes if c.output is not None}
    assert ("gemini", "project") in planned
    assert ("gemini", "user") not in planned, "the gemini user unit replayed"
    assert all(level == "project" for _, level in planned), planned
    full = run(**NO_CACHE)
    for target, result in full.targets.items():
        assert partly.targets[target].counts == result.counts, target
