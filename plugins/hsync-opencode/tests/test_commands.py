"""Commands: command/<path>.md, body kept, description kept, model only when provider-qualified."""

from __future__ import annotations


def notes_for(plan, name):
    return {r.field: r for r in plan.report if r.kind == "commands" and r.name == name}


def test_body_and_description_are_kept(runner):
    project = runner.team()
    runner.run(project)
    assert (runner.config_dir / "command/review.md").read_text(encoding="utf-8") == (
        "---\ndescription: Review the current diff\n---\n"
        "Review this diff with a focus on $ARGUMENTS:\n\n!`git diff HEAD`\n"
    )
    # no description in Claude Code: the first sentence of the body (the core's rule)
    assert (runner.config_dir / "command/explain.md").read_text(encoding="utf-8") == (
        "---\ndescription: Explain how @src/main.ts works, step by step, for a new team member.\n---\n"
        "Explain how @src/main.ts works, step by step, for a new team member.\n"
    )


def test_subfolders_are_kept(runner):
    project = runner.team()
    runner.run(project)
    commit = runner.config_dir / "command/git/commit.md"
    assert commit.read_text(encoding="utf-8").endswith(
        "Create a commit of type $1 in scope $2 for the staged changes. Summarise them in one line.\n"
    )
    assert (project / ".opencode/command/db/migrate.md").is_file()


def test_model_only_when_provider_qualified(runner):
    project = runner.team()
    runner.run(project)
    deploy = (project / ".opencode/command/deploy.md").read_text(encoding="utf-8")
    assert "model" not in deploy
    migrate = (project / ".opencode/command/db/migrate.md").read_text(encoding="utf-8")
    assert "model: anthropic/claude-haiku-4-5\n" in migrate
    notes = notes_for(runner.plan(project), "deploy")
    assert notes["model"].action == "warning"
    assert "'opus' dropped" in notes["model"].reason
    assert notes["argument-hint"].action == "info"


def test_built_in_command_collision_is_reported(runner):
    project = runner.team()
    notes = notes_for(runner.plan(project), "review")
    assert notes["name"].action == "warning"
    assert "/review is also an OpenCode built-in command" in notes["name"].reason
    assert notes["allowed-tools"].action == "warning"
    assert "name" not in notes_for(runner.plan(project), "deploy")


def test_positional_arguments_are_explained(runner):
    project = runner.team()
    note = notes_for(runner.plan(project), "git/commit")["body"]
    assert note.action == "info"
    assert "$2, the highest placeholder, takes all the remaining arguments" in note.reason


def test_plugin_command_is_namespaced_by_its_plugin(runner):
    project = runner.team()
    runner.run(project)
    text = (runner.config_dir / "command/acme-tools/lint.md").read_text(encoding="utf-8")
    assert text.endswith("Lint the files changed since `main`: !`git diff --name-only main...`\n")


def test_claude_variables_are_reported(runner):
    project = runner.team()
    runner.write(".claude/commands/log.md", "Log this session: ${CLAUDE_SESSION_ID}\n")
    note = notes_for(runner.plan(project), "log")["body"]
    assert note.action == "warning"
    assert "${CLAUDE_SESSION_ID}" in note.reason


def test_removed_command_is_removed_with_its_empty_folder(runner):
    project = runner.team()
    runner.run(project)
    (project / ".claude/commands/db/migrate.md").unlink()
    runner.run(project)
    assert not (project / ".opencode/command/db").exists()
    assert (project / ".opencode/command/deploy.md").is_file()
