"""Items of enabled Claude Code plugins: written like the person's own, which win on a name clash."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from hsync_core.testing import HsyncEnv


@pytest.fixture
def plugin(hsync_env: HsyncEnv) -> Path:
    root = hsync_env.home / ".claude" / "plugins" / "cache" / "mkt" / "tools" / "1.0.0"
    registry = {"version": 2, "plugins": {"tools@mkt": [{"scope": "user", "installPath": str(root)}]}}
    hsync_env.write(".claude/plugins/installed_plugins.json", json.dumps(registry))
    hsync_env.write(".claude/settings.json", json.dumps({"enabledPlugins": {"tools@mkt": True}}))
    hsync_env.write(".claude/skills/lint/SKILL.md", "---\nname: lint\ndescription: Mine.\n---\nMy lint.\n")
    hsync_env.write(
        root / "skills/lint/SKILL.md", "---\nname: lint\ndescription: Theirs.\n---\nTheir lint.\n"
    )
    hsync_env.write(
        root / "skills/format/SKILL.md", "---\nname: format\ndescription: Formats.\n---\nFormat.\n"
    )
    hsync_env.write(root / "commands/fmt.md", "---\ndescription: Format the file\n---\nFormat $ARGUMENTS.\n")
    hsync_env.write(
        root / "agents/linter.md", "---\nname: linter\ndescription: Lints.\ntools: Read\n---\nLint.\n"
    )
    servers = {"mcpServers": {"lint-server": {"command": "${CLAUDE_PLUGIN_ROOT}/bin/lint-mcp"}}}
    hsync_env.write(root / ".mcp.json", json.dumps(servers))
    return root


def test_plugin_items_are_written_and_the_persons_own_win(codex, plugin: Path) -> None:
    result = codex.sync()
    skills = codex.codex_home / "skills"
    assert (skills / "lint").resolve() == (codex.env.home / ".claude" / "skills" / "lint").resolve()
    assert (skills / "format").resolve() == (plugin / "skills" / "format").resolve()
    assert (skills / "fmt" / "SKILL.md").is_file()
    assert (codex.codex_home / "agents" / "linter.toml").is_file()
    servers = tomllib.loads((codex.codex_home / "config.toml").read_text())["mcp_servers"]
    assert servers["lint-server"] == {"command": f"{plugin}/bin/lint-mcp"}
    [entry] = codex.reports(result, "skills", "tools:lint")
    assert entry.reason == (
        "the user skill lint (.claude/skills/lint) already takes the name 'lint' in $CODEX_HOME/skills; "
        "the plugin skill tools:lint (.claude/plugins/cache/mkt/tools/1.0.0/skills/lint) is not written"
    )
