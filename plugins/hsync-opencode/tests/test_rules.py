"""Rules: AGENTS.md for the project (shared with Codex) and $XDG_CONFIG_HOME/opencode/AGENTS.md."""

from __future__ import annotations

from hsync_core import MarkdownBlock, TargetInfo, hookimpl, render_instructions


class AgentsMdAdapter:
    """Renders the project's AGENTS.md the way the Codex adapter does (the shared renderer)."""

    NAME = "agentsmd"

    @hookimpl
    def register_targets(self):
        return [TargetInfo(name=self.NAME, kinds=("rules",))]

    @hookimpl
    def render_target(self, target, sources, ctx):
        if target != self.NAME:
            return None
        return render_instructions(
            sources, ctx, level="project", root=ctx.project, filename="AGENTS.md", target=self.NAME
        )


def test_project_and_user_agents_md(runner):
    project = runner.team()
    runner.run(project)
    text = (project / "AGENTS.md").read_text(encoding="utf-8")
    assert text.startswith("<!-- hsync:begin -->\n")
    assert "Run `pnpm test` before committing" in text
    assert "- `src/web`: React front end" in text, "the @import is inlined"
    assert "@docs/architecture.md" not in text
    assert "My dev database runs on port 5433." in text, "CLAUDE.local.md goes to an untracked AGENTS.md"
    nested = (project / "src/web/AGENTS.md").read_text(encoding="utf-8")
    assert "## When working on files matching `src/web/**/*.tsx`" in nested
    user = (runner.config_dir / "AGENTS.md").read_text(encoding="utf-8")
    assert "Answer in British English." in user
    assert "Reproduce a bug with a failing test" in user, "the user's @import is inlined"
    assert "## When working on files matching `**/*.py`" in user
    assert not (project / ".opencode/AGENTS.md").exists()


def test_project_block_is_the_shared_renderer_s(runner):
    project = runner.team()
    outputs = runner.outputs(project)
    block = outputs[f"{project / 'AGENTS.md'}::hsync-block"]
    assert isinstance(block, MarkdownBlock)
    engine = runner.engine(project)
    expected = render_instructions(
        engine.read(), engine.ctx, level="project", root=project, filename="AGENTS.md", target="codex"
    )
    assert block.content == expected.outputs[0].content


def test_agents_md_is_one_write_shared_with_another_adapter(runner):
    project = runner.team()
    runner.extra.append(AgentsMdAdapter())
    result = runner.run(project)
    path = project / "AGENTS.md"
    for target in ("opencode", "agentsmd"):
        actions = [c.action for c in result.targets[target].changes if c.path == path]
        assert actions == ["create"], (target, actions)
    assert path.read_text(encoding="utf-8").count("<!-- hsync:begin -->") == 1
    second = runner.run(project)
    assert {c.action for t in second.targets.values() for c in t.changes} == {"unchanged"}


def test_xdg_config_home_is_honoured(runner, hsync_env):
    project = runner.team()
    custom = hsync_env.root / "xdg"
    hsync_env.environ["XDG_CONFIG_HOME"] = str(custom)
    runner.run(project)
    assert (custom / "opencode/AGENTS.md").is_file()
    assert (custom / "opencode/agent/code-reviewer.md").is_file()
    assert '"github"' in (custom / "opencode/opencode.json").read_text(encoding="utf-8")
    assert not (runner.config_dir / "AGENTS.md").exists()


def test_personal_rules_stay_out_of_a_tracked_agents_md(runner):
    project = runner.team()
    (project / "AGENTS.md").write_text("# Team notes\n", encoding="utf-8")
    runner.commit(project)
    runner.run(project)
    text = (project / "AGENTS.md").read_text(encoding="utf-8")
    assert text.startswith("# Team notes\n\n<!-- hsync:begin -->")
    assert "5433" not in text
