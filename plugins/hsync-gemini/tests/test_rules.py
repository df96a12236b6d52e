"""Rules → managed blocks of ``~/.gemini/GEMINI.md`` and ``<project>/GEMINI.md``."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

from hsync_core import MarkdownBlock, Rendered
from hsync_core.testing import HsyncEnv, RunResult
from hsync_gemini.rules import gemini_imports


def test_user_rules_go_to_the_gemini_home_with_imports_inlined(
    hsync_env: HsyncEnv, sync: Callable[..., RunResult]
) -> None:
    hsync_env.write(".claude/CLAUDE.md", "# Me\n\n@~/.claude/rules/style.md\n")
    hsync_env.write(".claude/rules/style.md", "Use tabs.\n")
    sync(None)
    text = (hsync_env.home / ".gemini" / "GEMINI.md").read_text()
    assert text.startswith("<!-- hsync:begin -->\n")
    assert "# Me" in text and "Use tabs." in text and "@~/.claude" not in text


def test_gemini_cli_home_moves_the_user_files(hsync_env: HsyncEnv, sync: Callable[..., RunResult]) -> None:
    hsync_env.write(".claude/CLAUDE.md", "Be brief.\n")
    elsewhere = hsync_env.root / "gemini-home"
    hsync_env.environ["GEMINI_CLI_HOME"] = str(elsewhere)
    sync(None)
    assert "Be brief." in (elsewhere / ".gemini" / "GEMINI.md").read_text()
    assert not (hsync_env.home / ".gemini").exists()


def test_hand_written_text_in_gemini_md_is_kept(
    hsync_env: HsyncEnv, make_project: Callable[..., Path], sync: Callable[..., RunResult]
) -> None:
    project = make_project()
    hsync_env.write(project / "CLAUDE.md", "Run the tests.\n")
    hsync_env.write(project / "GEMINI.md", "# Mine\n\nKeep me.\n")
    sync(project)
    text = (project / "GEMINI.md").read_text()
    assert text.startswith("# Mine\n\nKeep me.\n\n<!-- hsync:begin -->")
    (project / "CLAUDE.md").unlink()
    sync(project)
    assert (project / "GEMINI.md").read_text() == "# Mine\n\nKeep me.\n"


def test_path_scoped_rule_goes_to_a_nested_gemini_md(
    hsync_env: HsyncEnv, make_project: Callable[..., Path], rendered: Callable[..., Rendered]
) -> None:
    project = make_project()
    (project / "src" / "web").mkdir(parents=True)
    hsync_env.write(
        project / ".claude/rules/web.md", '---\npaths:\n  - "src/web/**/*.tsx"\n---\nNo classes.\n'
    )
    hsync_env.write(project / ".claude/rules/sql.md", '---\npaths: "**/*.sql"\n---\nReversible.\n')
    blocks = {o.path: o for o in rendered(project).outputs if isinstance(o, MarkdownBlock)}
    assert "No classes." in blocks[project / "src/web/GEMINI.md"].content
    assert "## When working on files matching `**/*.sql`" in blocks[project / "GEMINI.md"].content


def test_personal_rules_stay_out_of_a_tracked_gemini_md(
    hsync_env: HsyncEnv, make_project: Callable[..., Path], rendered: Callable[..., Rendered]
) -> None:
    project = make_project()
    hsync_env.write(project / "CLAUDE.md", "Team rule.\n")
    hsync_env.write(project / "CLAUDE.local.md", "My secret port is 5433.\n")
    hsync_env.write(project / "GEMINI.md", "tracked\n")
    subprocess.run(["git", "-C", str(project), "add", "GEMINI.md"], check=True, env=hsync_env.environ)
    result = rendered(project)
    block = next(o for o in result.outputs if isinstance(o, MarkdownBlock))
    assert "Team rule." in block.content and "5433" not in block.content
    assert any(r.name == "CLAUDE.local.md" and "git tracks it" in r.reason for r in result.report)


def test_an_at_word_that_gemini_would_import_is_reported(
    hsync_env: HsyncEnv, rendered: Callable[..., Rendered]
) -> None:
    hsync_env.write(
        ".claude/CLAUDE.md", "Ask @alice about releases. Mail ops@example.com. Code: `@decorator`.\n"
    )
    result = rendered(None)
    warnings = [r for r in result.report if r.kind == "rules" and r.action == "warning"]
    assert [r.reason.split("'")[1] for r in warnings] == ["@alice"]


def test_gemini_imports_follows_gemini_rules() -> None:
    text = "@a.md at start\nsee @./b.md, not x@y.z nor `@c.md` nor @1x\n```\n@d.md\n```\n"
    assert gemini_imports(text) == ["a.md", "./b.md,"]
