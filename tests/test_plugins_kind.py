"""The opt-in ``plugins`` kind in the core: an enabled Claude Code plugin is one ``Plugin`` item
with its marketplace (``hsync sources``); a target whose harness cannot install Claude Code
plugins (the fake harness) still gets the plugin's parts, as without the kind."""

from __future__ import annotations

import json
from pathlib import Path

from hsync_core.kinds import DEFAULT_KINDS, KINDS


def claude_plugin(env) -> Path:
    market = env.root / "acme-market"
    manifest = {
        "name": "acme",
        "owner": {"name": "Acme"},
        "plugins": [{"name": "tools", "source": "./tools"}],
    }
    env.write(market / ".claude-plugin/marketplace.json", json.dumps(manifest))
    plugin = market / "tools"
    env.write(plugin / ".claude-plugin/plugin.json", json.dumps({"name": "tools", "version": "1.2.0"}))
    env.write(plugin / "agents/reviewer.md", "---\nname: reviewer\ndescription: Reviews.\n---\nReview.\n")
    env.write(".claude/settings.json", json.dumps({"enabledPlugins": {"tools@acme": True}}))
    source = {"source": "directory", "path": str(market)}
    env.write(".claude/plugins/known_marketplaces.json", json.dumps({"acme": {"source": source}}))
    entry = {"scope": "user", "installPath": str(plugin), "version": "1.2.0"}
    env.write(
        ".claude/plugins/installed_plugins.json",
        json.dumps({"version": 2, "plugins": {"tools@acme": [entry]}}),
    )
    return market


def test_the_kind_is_opt_in():
    assert "plugins" in KINDS and "plugins" not in DEFAULT_KINDS


def test_sources_lists_the_plugin(env):
    claude_plugin(env)
    done = env.run("sources", "--json", cwd=env.home)
    assert done.returncode == 0, done.stderr
    rows = [r for r in json.loads(done.stdout)["items"] if r["kind"] == "plugins"]
    assert [(r["name"], r["scope"], r["level"]) for r in rows] == [("tools@acme", "plugin", "user")]


def test_a_target_that_cannot_install_plugins_gets_the_parts(env):
    claude_plugin(env)
    env.write(env.hsync_home / "config.toml", 'kinds = ["agents", "plugins"]\n')
    done = env.run("sync", "--json", "--verbose", cwd=env.home)
    assert done.returncode == 0, done.stderr
    target = json.loads(done.stdout)["targets"]["fakeharness"]
    assert not [i for i in target["items"] if "installed through" in (i["reason"] or "")]
    assert (env.home / ".fake/agents/reviewer.md").is_file()
