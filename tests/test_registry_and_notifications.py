"""``hsync projects`` and ``hsync notifications``: the files the daemon shares with the CLI."""

from __future__ import annotations

import json

import pytest

from hsync_core.engine import RunResult, TargetResult
from hsync_core.models import Change, ReportEntry
from hsync_core.sources.paths import source_scope
from hsync_core.store.notifications import NotificationStore, notify_drift, notify_result, pending_count
from hsync_core.store.projects import Registry
from hsync_core.testing import write_sample_setup


def test_projects_add_list_remove(env):
    project = env.project()
    added = env.run("projects", "add", str(project))
    assert added.returncode == 0 and added.stdout.strip() == f"registered: {project}"
    assert "already registered" in env.run("projects", "add", str(project)).stdout
    assert env.run("projects", "add", cwd=project).stdout.strip() == f"already registered: {project}"
    listed = json.loads(env.run("projects", "list", "--json").stdout)
    assert listed == {"projects": [{"path": str(project), "exists": True, "last_sync": None, "result": None}]}
    write_sample_setup(env, project)
    assert env.run("sync", project=project).returncode == 0
    row = json.loads(env.run("projects", "list", "--json").stdout)["projects"][0]
    assert row["result"] == "success" and row["last_sync"]
    assert f"{project}  last sync" in env.run("projects", "list").stdout

    removed = env.run("projects", "remove", str(project))
    assert removed.returncode == 0 and removed.stdout.strip() == f"removed: {project}"
    assert json.loads(env.run("projects", "list", "--json").stdout) == {"projects": []}


def test_projects_refuses_what_is_not_a_project(env):
    missing = env.run("projects", "add", str(env.root / "nowhere"))
    assert missing.returncode == 2 and "no such directory" in missing.stderr
    home = env.run("projects", "add", str(env.home))
    assert home.returncode == 2 and "home directory is not a project" in home.stderr
    unknown = env.run("projects", "remove", str(env.root / "nowhere"))
    assert unknown.returncode == 2 and "not a registered project" in unknown.stderr
    assert not (env.hsync_home / "projects.json").exists()


def test_a_vanished_project_is_listed_missing_and_can_be_removed(env):
    project = env.project("short-lived")
    Registry(env.hsync_home, env.home).add(project)
    (project / ".git").rename(env.root / "git-aside")
    project.rmdir()
    row = json.loads(env.run("projects", "list", "--json").stdout)["projects"][0]
    assert row["exists"] is False
    assert "(missing" in env.run("projects", "list").stdout
    assert env.run("projects", "remove", str(project)).returncode == 0


def test_a_broken_registry_is_one_line_naming_the_file(env):
    env.write(env.hsync_home / "projects.json", "{not json")
    done = env.run("projects", "list")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"hsync: error: {env.hsync_home / 'projects.json'}:1: invalid JSON: Expecting property name enclosed in double quotes"
    ]
    assert (env.hsync_home / "projects.json").read_text() == "{not json"


def test_a_registry_of_the_wrong_shape_is_one_line_naming_the_file(env):
    env.write(env.hsync_home / "projects.json", '{"version": 1, "projects": {"/p": true}}')
    done = env.run("projects", "add", str(env.project()))
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"hsync: error: {env.hsync_home / 'projects.json'}: 'projects' must be a JSON array"
    ]
    assert (env.hsync_home / "projects.json").read_text() == '{"version": 1, "projects": {"/p": true}}'


def test_notifications_list_dismiss_clear(env):
    store = NotificationStore(env.hsync_home)
    first = store.raise_("drift", "drift:/a", "a was edited")
    assert first.id == 1
    assert store.raise_("drift", "drift:/a", "a was edited again") is None  # same problem: once
    store.raise_("failed", "failed:user:codex", "codex: sync failed")
    assert pending_count(env.hsync_home) == 2

    listed = env.run("notifications")
    assert listed.returncode == 0
    assert "#1" in listed.stdout and "drift: a was edited" in listed.stdout
    assert "notification" not in listed.stderr  # no "waiting" line on the command that shows them
    dismissed = env.run("notifications", "dismiss", "1", "7")
    assert dismissed.returncode == 2
    assert "dismissed #1" in dismissed.stdout and "no notification #7" in dismissed.stderr
    assert [n["id"] for n in json.loads(env.run("notifications", "--json").stdout)["notifications"]] == [2]
    every = json.loads(env.run("notifications", "list", "--all", "--json").stdout)["notifications"]
    assert [(n["id"], n["dismissed"]) for n in every] == [(1, True), (2, False)]
    # a dismissed problem that persists is not raised again
    assert store.raise_("drift", "drift:/a", "a was edited") is None

    waiting = env.run("targets")
    assert waiting.stderr.strip().endswith("hsync: 1 notification waiting; see `hsync notifications`")
    assert "waiting" not in env.run("targets", "--json").stderr
    cleared = env.run("notifications", "clear")
    assert cleared.stdout.strip() == "cleared 2 notifications"
    assert "waiting" not in env.run("targets").stderr


def test_drift_notifications_are_resolved_when_the_drift_is_gone(env):
    store = NotificationStore(env.hsync_home)
    notify_drift(store, "/p", {"codex": ["/p/AGENTS.md::hsync-block", "/p/.codex/agents/a.toml"]})
    notify_drift(store, "user", {"codex": ["/h/.codex/config.toml::mcp_servers.x"]})
    assert len(store.pending()) == 3
    notify_drift(store, "/p", {"codex": ["/p/.codex/agents/a.toml"]})
    assert sorted(n.key for n in store.all()) == [
        "drift:/h/.codex/config.toml::mcp_servers.x",
        "drift:/p/.codex/agents/a.toml",
    ]
    assert "(mcp_servers.x)" in next(n.message for n in store.all() if n.project is None)


def test_notifications_from_a_sync_result(env, tmp_path):
    store = NotificationStore(env.hsync_home)
    conflict = Change(
        id="/p/x.md",
        path=tmp_path / "x.md",
        action="conflict",
        kind="agents",
        item="x",
        level="project",
        reason="edited by hand since hsync wrote it (drift)",
    )
    failed = TargetResult("codex", error="~/.codex/config.toml: invalid TOML")
    result = RunResult(
        dry_run=False,
        targets={"fake": TargetResult("fake", changes=[conflict]), "codex": failed},
        problems=[ReportEntry(kind="skills", name="broken", reason="invalid YAML", scope="project")],
    )
    notify_result(store, result, "/p")
    kinds = sorted(n.kind for n in store.all())
    assert kinds == ["conflict", "failed", "invalid"]
    # a clean run resolves the failure and the broken item, not the conflict (drift resolves that)
    notify_result(store, RunResult(dry_run=False, targets={"codex": TargetResult("codex")}), "/p")
    assert [n.kind for n in store.all()] == ["conflict"]
    # a run nobody watches raises; one run from the CLI only resolves
    store.clear()
    notify_result(store, result, "/p", raise_new=False)
    assert store.all() == []


def test_a_corrupt_notifications_file_is_set_aside(env):
    env.write(env.hsync_home / "notifications.json", "[oops")
    assert pending_count(env.hsync_home) == 0
    NotificationStore(env.hsync_home).raise_("drift", "drift:/a", "a")
    assert (env.hsync_home / "notifications.json.corrupt").read_text() == "[oops"
    assert len(NotificationStore(env.hsync_home).pending()) == 1


@pytest.mark.parametrize(
    ("relative", "expected"),
    [
        ("home/.claude.json", ("user", None)),
        ("home/.claude/CLAUDE.md", ("user", None)),
        ("home/.claude/skills/pdf/SKILL.md", ("user", None)),
        ("home/.claude/projects/-x/session.jsonl", None),  # Claude Code's transcripts
        ("home/.claude/todos/t.json", None),
        ("home/.hsync/config.toml", ("all", None)),
        ("home/.hsync/state.json", None),
        ("p/CLAUDE.md", ("project", "p")),
        ("p/CLAUDE.local.md", ("project", "p")),
        ("p/.mcp.json", ("project", "p")),
        ("p/.hsync.toml", ("project", "p")),
        ("p/.claude/settings.json", ("project", "p")),
        ("p/.claude/agents/a.md", ("project", "p")),
        ("p/src/CLAUDE.md", ("project", "p")),  # a subfolder's CLAUDE.md (nested configuration)
        ("p/src/.claude/skills/a/SKILL.md", ("project", "p")),
        ("p/node_modules/a/CLAUDE.md", None),
        ("p/.venv/CLAUDE.md", None),
        ("p/AGENTS.md", None),
        ("p/README.md", None),
        ("elsewhere/CLAUDE.md", None),
    ],
)
def test_which_paths_are_sources(tmp_path, relative, expected):
    home, project = tmp_path / "home", tmp_path / "p"
    found = source_scope(tmp_path / relative, home=home, hsync_home=home / ".hsync", projects=[project])
    if expected is not None and expected[1] is not None:
        expected = (expected[0], tmp_path / expected[1])
    assert found == expected
