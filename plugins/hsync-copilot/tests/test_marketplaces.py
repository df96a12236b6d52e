"""The ``plugins`` kind for Copilot CLI: an enabled Claude Code plugin's marketplace and the
plugin itself are registered in ``$COPILOT_HOME/settings.json`` (Claude Code's own keys), instead
of its parts being translated (never both); the real Copilot loads the plugin from there."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hsync_core.testing import HsyncEnv

ONLY = {"HSYNC_LOAD_PLUGINS": "copilot"}


def claude_plugin(env: HsyncEnv) -> Path:
    """A directory marketplace ``acme`` with the plugin ``tools``, installed and enabled the way
    ``claude plugin marketplace add`` and ``claude plugin install`` record it."""
    market = env.root / "acme-market"
    manifest = {
        "name": "acme",
        "owner": {"name": "Acme"},
        "plugins": [{"name": "tools", "source": "./tools"}],
    }
    env.write(market / ".claude-plugin/marketplace.json", json.dumps(manifest))
    plugin = market / "tools"
    env.write(plugin / ".claude-plugin/plugin.json", json.dumps({"name": "tools", "version": "1.2.0"}))
    env.write(
        plugin / "skills/lint/SKILL.md",
        "---\nname: lint\ndescription: Lint the code.\n---\nRun the linter.\n",
    )
    env.write(plugin / "commands/deploy.md", "---\ndescription: Deploy the app\n---\nDeploy it now.\n")
    env.write(".claude/settings.json", json.dumps({"enabledPlugins": {"tools@acme": True}}))
    source = {"source": "directory", "path": str(market)}
    env.write(".claude/plugins/known_marketplaces.json", json.dumps({"acme": {"source": source}}))
    entry = {"scope": "user", "installPath": str(plugin), "version": "1.2.0"}
    env.write(
        ".claude/plugins/installed_plugins.json",
        json.dumps({"version": 2, "plugins": {"tools@acme": [entry]}}),
    )
    env.write(
        env.hsync_home / "config.toml",
        'kinds = ["rules", "skills", "agents", "commands", "mcp", "plugins"]\n',
    )
    return market


def test_the_cli_registers_the_marketplace_and_keeps_the_users_settings(hsync_env: HsyncEnv) -> None:
    market = claude_plugin(hsync_env)
    own = '{\n  // mine\n  "theme": "dark"\n}\n'
    settings = hsync_env.write(".copilot/settings.json", own)
    project = hsync_env.project()
    done = hsync_env.run("sync", "--json", "--verbose", project=project, env=ONLY)
    assert done.returncode == 0, done.stderr
    text = settings.read_text()
    assert "// mine" in text
    data = json.loads("\n".join(line for line in text.splitlines() if "// mine" not in line))
    assert data["theme"] == "dark"
    assert data["extraKnownMarketplaces"] == {
        "acme": {"source": {"source": "directory", "path": str(market)}}
    }
    assert data["enabledPlugins"] == {"tools@acme": True}
    assert not (hsync_env.home / ".copilot/skills").exists()  # never both
    items = json.loads(done.stdout)["targets"]["copilot"]["items"]
    through = {i["name"] for i in items if "installed through the plugin tools@acme" in (i["reason"] or "")}
    assert through == {"tools:lint", "tools:deploy"}
    assert hsync_env.run("check", project=project, env=ONLY).returncode == 0
    hsync_env.write(".claude/settings.json", json.dumps({"enabledPlugins": {"tools@acme": False}}))
    assert hsync_env.run("sync", project=project, env=ONLY).returncode == 0
    assert settings.read_text() == own


@pytest.mark.realcli
def test_real_copilot_loads_the_plugin(hsync_env: HsyncEnv, real_copilot) -> None:
    claude_plugin(hsync_env)
    project = hsync_env.project()
    assert hsync_env.run("sync", project=project, env=ONLY).returncode == 0
    cli = real_copilot(project)
    markets = cli.ok("plugin", "marketplace", "list")
    assert "acme" in markets and "acme-market" in markets
    plugins = cli.ok("plugin", "list")
    assert "tools@acme" in plugins and "(enabled)" in plugins, plugins
    sections, text = cli.skills()
    # the plugin's skill, and its command as a skill, both loaded from the marketplace folder
    assert {"lint", "deploy"} <= set(sections.get("Plugin", [])), text
