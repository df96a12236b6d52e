"""Through the real hsync CLI, in a subprocess, with the installed entry point."""

from __future__ import annotations

import json


def test_sync_json_end_to_end(runner):
    project = runner.team()
    runner.configure()
    done = runner.env.run("sync", "--json", project=project)
    assert done.returncode == 0, done.stderr + done.stdout
    document = json.loads(done.stdout)
    opencode = document["targets"]["opencode"]
    assert opencode["status"] == "success"
    assert opencode["counts"]["created"] == 23
    items = {(i["kind"], i["name"], i["action"]) for i in opencode["items"]}
    assert ("agents", "code-reviewer", "create") in items
    assert ("mcp", "github", "create") in items
    assert ("skills", "acme-tools:lint-fix", "create") in items
    assert ("skills", "pdf-tools", "info") in items
    assert ("commands", "review", "warning") in items
    again = json.loads(runner.env.run("sync", "--json", project=project).stdout)
    assert again["targets"]["opencode"]["status"] == "unchanged"


def test_settings_and_hooks_when_opted_in(runner):
    project = runner.team()
    runner.configure(kinds=["rules", "skills", "agents", "commands", "mcp", "settings", "hooks"])
    done = runner.env.run("sync", "--json", project=project)
    assert done.returncode == 0, done.stderr
    opencode = json.loads(done.stdout)["targets"]["opencode"]
    assert opencode["status"] == "success", "skipped hooks and settings are harness limits"
    assert any(i["kind"] == "hooks" and i["action"] == "skipped" for i in opencode["items"])
    assert any(i["name"] == "permission.bash" and i["action"] == "create" for i in opencode["items"])


def test_dry_run_shows_entries_and_writes_nothing(runner):
    project = runner.team()
    runner.configure()
    before = runner.env.snapshot(runner.home, project)
    dry = runner.env.run("sync", "--dry-run", project=project)
    assert dry.returncode == 0, dry.stderr
    assert "+ mcp.github" in dry.stdout
    assert "+++ " in dry.stdout and "agent/code-reviewer.md" in dry.stdout
    assert runner.env.snapshot(runner.home, project) == before


def test_targets_lists_the_adapter(runner):
    listed = json.loads(runner.env.run("targets", "--json").stdout)["targets"]
    entry = next(t for t in listed if t["name"] == "opencode")
    assert entry["package"] == "hsync-opencode"
    assert "settings" in entry["kinds"]
