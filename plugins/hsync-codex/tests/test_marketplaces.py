"""The ``plugins`` kind for Codex: an enabled Claude Code plugin's marketplace is registered in
``$CODEX_HOME/config.toml`` and the plugin enabled, instead of its parts being translated (never
both), through the API and the CLI; the real Codex lists the marketplace and the plugin, and
loads the plugin's skills (and its commands, as skills) once ``codex plugin add`` installed it."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from hsync_core.testing import HsyncEnv

ONLY = {"HSYNC_LOAD_PLUGINS": "codex"}


def claude_plugin(env: HsyncEnv) -> Path:
    """A directory marketplace ``acme`` with the plugin ``tools``, installed and enabled the way
    ``claude plugin marketplace add`` and ``claude plugin install`` record it."""
    market = env.root / "acme-market"
    env.write(
        market / ".claude-plugin/marketplace.json",
        json.dumps(
            {"name": "acme", "owner": {"name": "Acme"}, "plugins": [{"name": "tools", "source": "./tools"}]}
        ),
    )
    plugin = market / "tools"
    env.write(plugin / ".claude-plugin/plugin.json", json.dumps({"name": "tools", "version": "1.2.0"}))
    env.write(
        plugin / "skills/lint/SKILL.md",
        "---\nname: lint\ndescription: Lint the code.\n---\nRun the linter.\n",
    )
    env.write(plugin / "commands/deploy.md", "---\ndescription: Deploy the app\n---\nDeploy it now.\n")
    env.write(
        plugin / "hooks/hooks.json",
        json.dumps({"hooks": {"Stop": [{"hooks": [{"type": "command", "command": "true"}]}]}}),
    )
    source = {"source": "directory", "path": str(market)}
    env.write(".claude/settings.json", json.dumps({"enabledPlugins": {"tools@acme": True}}))
    env.write(
        ".claude/plugins/known_marketplaces.json",
        json.dumps({"acme": {"source": source, "installLocation": str(market)}}),
    )
    env.write(
        ".claude/plugins/installed_plugins.json",
        json.dumps(
            {
                "version": 2,
                "plugins": {
                    "tools@acme": [{"scope": "user", "installPath": str(plugin), "version": "1.2.0"}]
                },
            }
        ),
    )
    return market


def with_plugins(env: HsyncEnv) -> None:
    env.write(
        env.hsync_home / "config.toml",
        'kinds = ["rules", "skills", "agents", "commands", "mcp", "plugins"]\n',
    )


def test_without_the_kind_the_parts_are_translated(hsync_env: HsyncEnv) -> None:
    claude_plugin(hsync_env)
    project = hsync_env.project()
    assert hsync_env.run("sync", project=project, env=ONLY).returncode == 0
    assert sorted(p.name for p in (hsync_env.home / ".codex/skills").iterdir()) == ["deploy", "lint"]
    config = hsync_env.home / ".codex/config.toml"
    assert not config.exists() or "marketplaces" not in config.read_text()


def test_the_cli_registers_the_marketplace_instead_of_the_parts(hsync_env: HsyncEnv) -> None:
    market = claude_plugin(hsync_env)
    with_plugins(hsync_env)
    project = hsync_env.project()
    done = hsync_env.run("sync", "--json", "--verbose", project=project, env=ONLY)
    assert done.returncode == 0, done.stderr
    config = tomllib.loads((hsync_env.home / ".codex/config.toml").read_text())
    assert config["marketplaces"] == {"acme": {"source_type": "local", "source": str(market)}}
    assert config["plugins"] == {"tools@acme": {"enabled": True}}
    assert not (hsync_env.home / ".codex/skills").exists()  # never both
    items = json.loads(done.stdout)["targets"]["codex"]["items"]
    through = {
        (i["kind"], i["name"])
        for i in items
        if "installed through the plugin tools@acme" in (i["reason"] or "")
    }
    assert through == {("skills", "tools:lint"), ("commands", "tools:deploy")}  # hooks: not a kind here
    warnings = [i["reason"] for i in items if i["kind"] == "plugins" and i["action"] == "warning"]
    assert any("run `codex plugin add tools@acme` once" in w for w in warnings)
    assert any("trust them in Codex's /hooks" in w for w in warnings)
    assert hsync_env.run("check", project=project, env=ONLY).returncode == 0
    # the plugin switched off in Claude Code: hsync's two entries go
    hsync_env.write(".claude/settings.json", json.dumps({"enabledPlugins": {"tools@acme": False}}))
    assert hsync_env.run("sync", project=project, env=ONLY).returncode == 0
    assert not (hsync_env.home / ".codex/config.toml").exists()  # hsync had created it for them


def test_an_unknown_marketplace_is_reported(codex, hsync_env: HsyncEnv) -> None:
    claude_plugin(hsync_env)
    hsync_env.write(".claude/plugins/known_marketplaces.json", "{}")
    result = codex.sync(None, kinds=["skills", "commands", "plugins"])
    [entry] = [e for e in result.targets["codex"].report if e.kind == "plugins"]
    assert "no local copy of the marketplace 'acme'" in entry.reason and entry.action == "skipped"


@pytest.mark.realcli
def test_real_codex_sees_the_marketplace_and_installs_the_plugin(hsync_env: HsyncEnv, real_codex) -> None:
    claude_plugin(hsync_env)
    with_plugins(hsync_env)
    project = hsync_env.project()
    assert hsync_env.run("sync", project=project, env=ONLY).returncode == 0
    cli = real_codex(project)
    markets = cli.run("plugin", "marketplace", "list")
    assert markets.returncode == 0, markets.stderr
    assert "acme" in markets.stdout and "acme-market" in markets.stdout
    listed = cli.run("plugin", "list")
    assert listed.returncode == 0 and "tools@acme" in listed.stdout and "not installed" in listed.stdout
    assert "tools:lint" not in cli.skills()[0]
    added = cli.run("plugin", "add", "tools@acme")
    assert added.returncode == 0, added.stderr
    assert "installed, enabled" in cli.run("plugin", "list").stdout
    skills = cli.skills()[0]
    assert "tools:lint" in skills
    assert [name for name in skills if name.startswith("tools:") and "deploy" in name], sorted(skills)
