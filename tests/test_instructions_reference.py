"""``instructions = "reference"``: the project's instruction file points to the Claude Code files
instead of copying them (for when Claude Code loads ``AGENTS.md`` too). The option is validated
like the others, the pointer is rendered by the shared renderer (a list, or ``@file`` lines), the
``claude-md-and-agents-md`` warning names it, and goes away once every AGENTS.md writer has it."""

from __future__ import annotations

import json

import pytest

from hsync_core.config import Config, TargetConfig
from hsync_core.models import Sources
from hsync_core.rendering.instructions import render_instructions
from hsync_core.sources.reader import read_sources


def setup(env):
    project = env.project()
    env.write(project / "CLAUDE.md", "Project rules: be kind.\n\n@docs/style.md\n")
    env.write(project / "docs/style.md", "Style: short lines.\n")
    env.write(project / ".claude/rules/testing.md", "Write the test first.\n")
    env.write(project / ".claude/rules/web.md", "---\npaths:\n  - src/web/**/*.tsx\n---\nUse hooks.\n")
    env.write(project / "packages/api/CLAUDE.md", "API rules.\n")
    env.write(".claude/CLAUDE.md", "My own rules.\n")
    return project


def rendered(env, project, config: Config, *, imports: bool = False) -> dict:
    ctx = env.context(project, config=config)
    items = [i for i in read_sources(ctx=ctx) if hasattr(i, "level")]
    out = {}
    for level, root in (("user", env.home / ".t"), ("project", project)):
        result = render_instructions(
            Sources(items=items),
            ctx,
            level=level,
            root=root,
            filename="AGENTS.md",
            target="t",
            imports=imports,
        )
        out.update({o.path: o.content for o in result.outputs})
    return out


def test_reference_lists_the_files_to_read(hsync_env):
    project = setup(hsync_env)
    config = Config(target_options={"t": TargetConfig(instructions="reference")})
    blocks = rendered(hsync_env, project, config)
    main = blocks[project / "AGENTS.md"]
    assert 'points to CLAUDE.md and .claude/rules (instructions = "reference")' in main
    assert "- `CLAUDE.md`\n- `.claude/rules/testing.md`\n" in main
    assert "- `.claude/rules/web.md`, when working on files matching `src/web/**/*.tsx`\n" in main
    assert "be kind" not in main and "Write the test first" not in main and "docs/style.md" not in main
    assert "- `CLAUDE.md`\n" in blocks[project / "packages/api/AGENTS.md"]
    # the user's own file is not read by Claude Code: it keeps the copy
    assert "My own rules." in blocks[hsync_env.home / ".t/AGENTS.md"]


def test_reference_as_imports(hsync_env):
    project = setup(hsync_env)
    blocks = rendered(hsync_env, project, Config(instructions="reference"), imports=True)
    main = blocks[project / "AGENTS.md"]
    assert "\n@CLAUDE.md\n" in main and "\n@.claude/rules/testing.md\n" in main
    assert "## When working on files matching `src/web/**/*.tsx`\n\n@.claude/rules/web.md\n" in main
    assert "\n@CLAUDE.md\n" in blocks[project / "packages/api/AGENTS.md"]


def test_copy_is_the_default_and_a_target_may_differ(hsync_env):
    project = setup(hsync_env)
    assert "be kind" in rendered(hsync_env, project, Config())[project / "AGENTS.md"]
    mixed = Config(instructions="reference", target_options={"t": TargetConfig(instructions="copy")})
    assert "be kind" in rendered(hsync_env, project, mixed)[project / "AGENTS.md"]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (
            '[targets.fakeharness]\ninstructions = "pointer"\n',
            "targets.fakeharness.instructions: must be one of copy, reference, not 'pointer'",
        ),
        ("instructions = 3\n", "instructions: must be one of copy, reference, not 3"),
    ],
)
def test_a_bad_value_is_named_and_nothing_is_written(env, text, line):
    project = setup(env)
    config = env.write(env.hsync_home / "config.toml", text)
    before = env.snapshot()
    done = env.run("sync", project=project)
    assert done.returncode == 2
    assert done.stderr.strip() == f"hsync: error: {config}: {line}"
    assert env.snapshot() == before


def test_through_the_cli(env):
    project = setup(env)
    env.write(env.hsync_home / "config.toml", '[targets.fakeharness]\ninstructions = "reference"\n')
    done = env.run("sync", project=project)
    assert done.returncode == 0, done.stderr
    text = (project / ".fake/FAKE.md").read_text()
    assert "- `../CLAUDE.md`" in text and "be kind" not in text
    assert env.run("check", project=project).returncode == 0
    env.write(env.hsync_home / "config.toml", "")
    assert env.run("check", project=project).returncode == 4  # back to copies: a change


def both(env):
    config = {"agents-md@builtin": {"options": {"instructionFiles": "claude-md-and-agents-md"}}}
    env.write(".claude/settings.json", json.dumps({"pluginConfigs": config}))


def test_the_warning_names_the_way_out_and_goes_once_taken(env):
    project = setup(env)
    both(env)
    done = env.run("sync", "--json", project=project)
    [line] = [p["reason"] for p in json.loads(done.stdout)["sources"]["problems"] if "twice" in p["reason"]]
    assert 'instructions = "reference"' in line
    env.write(env.hsync_home / "config.toml", '[targets.codex]\ninstructions = "reference"\n')
    done = env.run("sync", "--json", project=project)  # OpenCode and Kilo still copy
    assert [p for p in json.loads(done.stdout)["sources"]["problems"] if "twice" in p["reason"]]
    env.write(env.hsync_home / "config.toml", 'instructions = "reference"\n')
    done = env.run("sync", "--json", project=project)
    assert done.returncode == 0, done.stderr
    assert not [p for p in json.loads(done.stdout)["sources"]["problems"] if "twice" in p["reason"]]
