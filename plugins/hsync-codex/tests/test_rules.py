"""Rules → AGENTS.md managed blocks in $CODEX_HOME and the project."""

from __future__ import annotations

from pathlib import Path

from hsync_core import MarkdownBlock, render_instructions
from hsync_core.testing import HsyncEnv

BEGIN = "<!-- hsync:begin -->"


def test_user_and_project_rules_become_managed_blocks_with_imports_inlined(codex, team: Path) -> None:
    result = codex.sync(team)
    assert result.exit_code == 0
    user = (codex.codex_home / "AGENTS.md").read_text(encoding="utf-8")
    assert user.startswith(BEGIN)
    assert "Prefer small, focused commits" in user
    assert "Write a failing test before fixing a bug." in user  # @~/.claude/rules/testing.md inlined
    assert "@~/.claude" not in user
    project = (team / "AGENTS.md").read_text(encoding="utf-8")
    assert "# Acme web app" in project
    assert "- `src/api`: Fastify server" in project  # @docs/architecture.md inlined
    assert "@docs/architecture.md" not in project
    assert "Prefer small, focused commits" not in project  # user rules stay in the user file


def test_a_hand_written_agents_md_keeps_its_text(codex, team: Path) -> None:
    mine = "# Notes for every agent\n\nAsk before touching the database.\n"
    (team / "AGENTS.md").write_text(mine, encoding="utf-8")
    codex.sync(team)
    text = (team / "AGENTS.md").read_text(encoding="utf-8")
    assert text.startswith(mine)
    assert BEGIN in text
    # the block goes again when the rules go; the person's text stays byte for byte
    (team / "CLAUDE.md").unlink()
    for rule in (team / ".claude" / "rules").iterdir():
        rule.unlink()
    codex.sync(team)
    assert (team / "AGENTS.md").read_text(encoding="utf-8") == mine


def test_path_scoped_rules_go_to_the_directory_or_under_a_heading(codex, team: Path) -> None:
    codex.sync(team)
    nested = (team / "src" / "api" / "AGENTS.md").read_text(encoding="utf-8")
    assert "## When working on files matching `src/api/**/*.ts`" in nested
    assert "Validate every request body" in nested
    main = (team / "AGENTS.md").read_text(encoding="utf-8")
    assert "Validate every request body" not in main
    # src/web does not exist: the rule is inlined under a heading naming its glob
    assert "## When working on files matching `src/web/**/*.tsx`" in main
    assert not (team / "src" / "web").exists()
    user = (codex.codex_home / "AGENTS.md").read_text(encoding="utf-8")
    assert "## When working on files matching `**/*.py`" in user


def test_blocks_are_the_shared_renderers_bytes(codex, hsync_env: HsyncEnv, team: Path) -> None:
    """OpenCode writes the same project AGENTS.md: both must render identical bytes."""
    rendered = codex.render(team)
    engine_ctx = hsync_env.context(team)
    sources = codex._engine(team, None).read()
    shared = render_instructions(
        sources, engine_ctx, level="project", root=team, filename="AGENTS.md", target="x"
    )
    mine = {
        o.path: o.content for o in rendered.outputs if isinstance(o, MarkdownBlock) and o.level == "project"
    }
    assert mine == {o.path: o.content for o in shared.outputs}


def test_codex_home_is_honoured(codex, hsync_env: HsyncEnv, team: Path) -> None:
    elsewhere = hsync_env.root / "codex-home"
    hsync_env.environ["CODEX_HOME"] = str(elsewhere)
    codex.sync(team)
    assert (elsewhere / "AGENTS.md").is_file()
    assert (elsewhere / "skills" / "pdf-tools").is_symlink()
    assert (elsewhere / "agents" / "code-reviewer.toml").is_file()
    assert "[mcp_servers.github]" in (elsewhere / "config.toml").read_text(encoding="utf-8")
    assert not (hsync_env.home / ".codex" / "AGENTS.md").exists()


def test_project_docs_over_32_kib_are_reported(codex, hsync_env: HsyncEnv) -> None:
    project = hsync_env.project()
    hsync_env.write(project / "CLAUDE.md", "# Big\n\n" + "Keep every line short and clear.\n" * 1100)
    rendered = codex.render(project)
    warnings = [e for e in rendered.report if e.kind == "rules" and "project_doc_max_bytes" in e.reason]
    assert len(warnings) == 1
    assert warnings[0].action == "warning"
    assert "AGENTS.md is 36495 bytes" in warnings[0].reason and "32768" in warnings[0].reason
    # a limit raised in the user's Codex config is respected
    hsync_env.write(".codex/config.toml", "project_doc_max_bytes = 65536\n")
    rendered = codex.render(project)
    assert not [e for e in rendered.report if "project_doc_max_bytes" in e.reason]


def test_a_nested_file_counts_with_the_root_file(codex, hsync_env: HsyncEnv) -> None:
    project = hsync_env.project()
    (project / "src" / "api").mkdir(parents=True)
    hsync_env.write(project / "CLAUDE.md", "# Root\n\n" + "Root rule text goes here.\n" * 700)
    hsync_env.write(
        project / ".claude/rules/api.md",
        "---\npaths:\n  - src/api/**/*.ts\n---\n" + "API rule text goes here too.\n" * 600,
    )
    rendered = codex.render(project)
    warnings = [e for e in rendered.report if "project_doc_max_bytes" in e.reason]
    assert [w.path for w in warnings] == [project / "src" / "api" / "AGENTS.md"]
    assert "AGENTS.md + src/api/AGENTS.md come to" in warnings[0].reason


def test_an_agents_override_file_hides_the_rules(codex, team: Path) -> None:
    (team / "AGENTS.override.md").write_text("Only this for now.\n", encoding="utf-8")
    rendered = codex.render(team)
    warnings = [e for e in rendered.report if "AGENTS.override.md" in e.reason]
    assert len(warnings) == 1
    assert "instead of AGENTS.md" in warnings[0].reason
