"""FORMATS.md §9, mistakes other sync tools made, as tests for the gemini target.

Covered elsewhere: ``argument-hint: [x]`` (test_commands), ``${VAR}`` never resolved and
streamable HTTP never written as a plain ``url`` (test_mcp), Claude model aliases dropped
(test_agents), ``:*`` never kept in permission patterns (test_settings), hand-added servers
kept (test_mcp), backslashes in TOML prompts (test_commands), no timestamps / a second sync
writes nothing and hand edits are drift (test_contract, test_golden).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from hsync_core import Rendered
from hsync_core.testing import HsyncEnv, RunResult, write_sample_setup


def test_stale_outputs_are_removed_and_check_notices_first(
    hsync_env: HsyncEnv, make_project: Callable[..., Path]
) -> None:
    project = make_project()
    write_sample_setup(hsync_env, project)
    hsync_env.write(hsync_env.hsync_home / "config.toml", 'targets = ["gemini"]\n')
    assert hsync_env.run("sync", project=project).returncode == 0
    stale = [
        hsync_env.home / ".gemini/commands/git/commit.toml",
        hsync_env.home / ".gemini/agents/code-reviewer.md",
        project / ".gemini/skills/release-notes",
    ]
    assert all(p.exists() or p.is_symlink() for p in stale)
    (hsync_env.home / ".claude/commands/git/commit.md").unlink()
    (hsync_env.home / ".claude/agents/code-reviewer.md").unlink()
    (project / ".claude/skills/release-notes/SKILL.md").unlink()
    (project / ".claude/skills/release-notes").rmdir()
    claude_json = hsync_env.home / ".claude.json"
    data = json.loads(claude_json.read_text())
    del data["mcpServers"]["context7"]
    claude_json.write_text(json.dumps(data))
    check = hsync_env.run("check", project=project)
    assert check.returncode == 4, check.stdout + check.stderr
    assert hsync_env.run("sync", project=project).returncode == 0
    assert not any(p.exists() or p.is_symlink() for p in stale)
    assert "context7" not in (hsync_env.home / ".gemini/settings.json").read_text()
    assert hsync_env.run("check", project=project).returncode == 0


def test_user_scope_never_lands_in_the_project(team: Path, rendered: Callable[..., Rendered]) -> None:
    for output in rendered(team).outputs:
        inside_project = team in output.path.parents
        assert inside_project == (output.level == "project"), output.path


def test_one_broken_item_does_not_stop_the_rest(hsync_env: HsyncEnv, sync: Callable[..., RunResult]) -> None:
    hsync_env.write(".claude/commands/broken.md", "---\ndescription: [unclosed\n  nested: : :\n---\nBody\n")
    hsync_env.write(".claude/commands/fine.md", "Fine.\n")
    result = sync(None)
    assert (hsync_env.home / ".gemini/commands/fine.toml").is_file()
    assert not (hsync_env.home / ".gemini/commands/broken.toml").exists()
    assert result.exit_code == 0 and result.code(strict=True) == 1  # a skip, not an error
