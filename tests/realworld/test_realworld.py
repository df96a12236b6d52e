"""Real-world setups through the CLI, every installed target, user and project scope: every
source item is written or named with its reason, a second sync writes nothing, ``check`` exits 0,
no secret value lands in a written file; and the reader rules checked against ``claude``."""

from __future__ import annotations

import json
import os
from pathlib import Path

from hsync_core.sources.reader import read_all
from hsync_core.testing import HsyncEnv

from .setups import AGENTS_PER_CATEGORY, CATEGORIES, SECRET, build_collection


def _json(done) -> dict:
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_a_big_collection_syncs_then_stays_in_sync(hsync_env: HsyncEnv) -> None:
    project = hsync_env.project()
    build_collection(hsync_env, project)
    first = _json(hsync_env.run("sync", "--json", project=project))
    assert first["targets"], "no target ran"
    for name, target in first["targets"].items():
        assert target["status"] in ("success", "unchanged"), (name, target["status"])
        assert target["counts"]["created"] > 0, name
    again = _json(hsync_env.run("sync", "--json", project=project))
    for name, target in again["targets"].items():
        counts = target["counts"]
        assert counts["created"] == counts["updated"] == counts["removed"] == 0, (name, counts)
    check = hsync_env.run("check", project=project)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "every target is in sync" in check.stdout
    # a skip (the dangling skill) is not an error; --strict makes it one
    assert hsync_env.run("check", "--strict", project=project).returncode == 1
    # no secret value in any file hsync wrote
    for path, content in hsync_env.snapshot(hsync_env.home, project).items():
        if isinstance(content, bytes) and "/.claude" not in path and "/src/skills" not in path:
            assert SECRET.encode() not in content, path


def test_every_item_is_read_or_named_with_its_reason(hsync_env: HsyncEnv) -> None:
    project = hsync_env.project()
    build_collection(hsync_env, project)
    done = hsync_env.run("sources", "--json", project=project)
    document = _json(done)
    names = {(i["kind"], i["name"]) for i in document["items"]}
    # category folders read like top-level agents, hundreds of them
    agents = {n for k, n in names if k == "agents"}
    assert len(agents) >= len(CATEGORIES) * AGENTS_PER_CATEGORY
    assert {"engineering-000", "testing-059", "Code Reviewer (strict)", "planner", "deployer"} <= agents
    # a nested SKILL.md belongs to its skill; a linked skill folder is followed
    skills = {n for k, n in names if k == "skills"}
    assert skills == {"release-notes", "pdf"}
    assert ("commands", "git/commit") in names and ("commands", "pricing") in names
    assert ("mcp", "@acme/search-server") in names and ("mcp", "db tools") in names
    by_action: dict[str, set[tuple[str, str]]] = {}
    for problem in document["problems"]:
        by_action.setdefault(problem["action"], set()).add((problem["kind"], problem["name"]))
    # READMEs are not items, never problems; the dangling link is named; the plugin is a note
    assert ("agents", "README") in by_action["ignored"]
    assert ("agents", "engineering/README") in by_action["ignored"]
    assert ("commands", "README") in by_action["ignored"]
    assert by_action["skipped"] == {("skills", "gone")}
    assert by_action["info"] == {("plugins", "not-installed@somewhere")}
    # the human form: skips on stderr naming item and file, the rest only with --verbose
    plain = hsync_env.run("sources", project=project)
    assert plain.returncode == 0
    assert "hsync: skipped skills 'gone' [user] (" in plain.stderr and "dangling link" in plain.stderr
    assert "README" not in plain.stdout
    verbose = hsync_env.run("sources", "--verbose", project=project)
    ignored = [line for line in verbose.stdout.splitlines() if line.startswith("ignored: ")]
    assert len([line for line in ignored if "README" in line]) == len(CATEGORIES) + 2
    assert hsync_env.run("sources", "--strict", project=project).returncode == 1


def test_placeholders_only_where_they_are_placeholders(hsync_env: HsyncEnv) -> None:
    project = hsync_env.project()
    build_collection(hsync_env, project)
    assert hsync_env.run("sync", "--target", "gemini", project=project).returncode == 0
    text = (hsync_env.home / ".gemini/commands/pricing.toml").read_text(encoding="utf-8")
    assert "$10 and Team $5,000 a year ($1.50 a seat)" in text  # amounts untouched
    assert "awk '{print $1}' prices.csv" in text and 'echo \\"$ARGUMENTS\\"' in text  # code untouched
    assert "`grep -n $3 plans.md`" in text
    assert "In this prompt, $1 stands for the first word of the arguments and $2 for the second." in text


def test_plugin_manifest_files_and_mcp_without_wrapper(hsync_env: HsyncEnv) -> None:
    """The forms ``claude plugin validate`` (2.1.330) accepts: ``agents`` lists ``.md`` files,
    ``commands`` a file, ``.mcp.json`` without the ``mcpServers`` wrapper."""
    root = hsync_env.root / "plugins/cache/tools"
    hsync_env.write(
        root / ".claude-plugin/plugin.json",
        json.dumps({"name": "tools", "agents": ["./extra/solo.md"], "commands": "./extra/cmd.md"}),
    )
    hsync_env.write(root / "extra/solo.md", "---\nname: solo\ndescription: Solo agent\n---\nHi.\n")
    hsync_env.write(root / "extra/cmd.md", "---\ndescription: A command\n---\nDo $1.\n")
    hsync_env.write(root / "agents/group/nested.md", "---\nname: nested\ndescription: Nested\n---\nHi.\n")
    hsync_env.write(root / ".mcp.json", json.dumps({"@scope/server-name": {"command": "srv"}}))
    hsync_env.write(
        ".claude/plugins/installed_plugins.json",
        json.dumps(
            {"version": 2, "plugins": {"tools@market": [{"scope": "user", "installPath": str(root)}]}}
        ),
    )
    hsync_env.write(".claude/settings.json", json.dumps({"enabledPlugins": {"tools@market": True}}))
    found = read_all(hsync_env.context())
    names = {(i.kind, i.name) for i in found if hasattr(i, "origin")}
    assert {
        ("agents", "solo"),
        ("agents", "nested"),
        ("commands", "cmd"),
        ("mcp", "@scope/server-name"),
    } <= names


def test_a_link_loop_is_reported_not_followed(hsync_env: HsyncEnv) -> None:
    agents = hsync_env.home / ".claude/agents"
    hsync_env.write(agents / "team/one.md", "---\nname: one\ndescription: One\n---\nHi.\n")
    os.symlink("..", agents / "team/back")
    done = hsync_env.run("sources", "--json")
    document = _json(done)
    assert [i["name"] for i in document["items"] if i["kind"] == "agents"] == ["one"]
    loops = [p for p in document["problems"] if "link loop" in p["reason"]]
    assert len(loops) == 1 and loops[0]["name"] == "team/back"


def test_agents_claude_code_does_not_load_are_not_items(hsync_env: HsyncEnv, tmp_path: Path) -> None:
    """``claude`` 2.1.330 refuses an agent without ``name`` (silently) or ``description``, and a
    name starting with ``-`` or containing ``:``."""
    agents = hsync_env.home / ".claude/agents"
    hsync_env.write(agents / "plain.md", "Just a prompt.\n")
    hsync_env.write(agents / "mute.md", "---\nname: mute\n---\nHi.\n")
    hsync_env.write(agents / "colon.md", "---\nname: a:b\ndescription: x\n---\nHi.\n")
    document = _json(hsync_env.run("sources", "--json"))
    assert not [i for i in document["items"] if i["kind"] == "agents"]
    actions = {p["name"]: (p["action"], p["reason"]) for p in document["problems"]}
    assert actions["plain"][0] == "ignored"
    assert actions["mute"] == (
        "skipped",
        "Claude Code does not load it: no 'description' in the front matter",
    )
    assert actions["a:b"][0] == "skipped" and "':'" in actions["a:b"][1]
