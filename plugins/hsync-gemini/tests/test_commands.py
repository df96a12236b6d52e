"""Commands → TOML files with Gemini's prompt syntax, namespaced by subfolder."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

from hsync_core import FileOutput, Rendered
from hsync_core.testing import HsyncEnv, RunResult
from hsync_gemini.commands import toml_text, translate


def command_files(result: Rendered) -> dict[str, dict]:
    return {
        o.item: tomllib.loads(o.content)
        for o in result.outputs
        if isinstance(o, FileOutput) and o.kind == "commands"
    }


def test_arguments_shell_and_files_are_translated() -> None:
    prompt, notes = translate(
        "Review $ARGUMENTS.\n\n!`git diff HEAD`\nRead @src/main.py and @docs/a.md.\n", None
    )
    assert prompt == "Review {{args}}.\n\n!{git diff HEAD}\nRead @{src/main.py} and @{docs/a.md}.\n"
    assert notes == []


def test_at_words_that_are_not_paths_and_code_stay() -> None:
    prompt, _ = translate("Thank @alice. Mail me@x.org. Keep `@src/a.py` as code.\n", None)
    assert prompt == "Thank @alice. Mail me@x.org. Keep `@src/a.py` as code.\n"


def test_arguments_inside_a_shell_command_become_args() -> None:
    prompt, _ = translate("Log: !`git log -n 5 $ARGUMENTS`\n", None)
    assert prompt == "Log: !{git log -n 5 {{args}}}\n"


def test_positional_arguments_are_explained_and_reported() -> None:
    prompt, notes = translate("Commit as $1 in $2.\n", "[type] [scope]")
    assert prompt == (
        "Commit as $1 in $2.\n\nArguments ([type] [scope]): {{args}}\n"
        "In this prompt, $1 stands for the first word of the arguments and $2 for the second.\n"
    )
    assert len(notes) == 1 and "$1, $2" in notes[0]


def test_indexed_arguments_count_from_zero() -> None:
    prompt, _ = translate("Deploy $ARGUMENTS[0] now.\n", None)
    assert "Deploy $1 now." in prompt and "$1 stands for the first word" in prompt


def test_unbalanced_braces_keep_the_shell_command_as_text() -> None:
    prompt, notes = translate("Run !`echo }` first.\n", None)
    assert prompt == "Run !`echo }` first.\n"
    assert "balanced braces" in notes[0]


def test_gemini_syntax_already_in_the_body_is_reported() -> None:
    _, notes = translate("Render {{args}} with Jinja.\n", None)
    assert "'{{args}}'" in notes[0]


@pytest.mark.parametrize(
    "prompt",
    [
        'A backslash \\ and \\n and "quotes" and """ triple and \'\'\' single.\n',
        'ends with a quote"',
        '"starts with a quote',
        "tab\tand control \x01 and unicode é ✓\n",
        "\nleading newline\n",
        "a\r\nwindows line\n",
    ],
)
def test_toml_survives_a_round_trip(prompt: str) -> None:
    text = toml_text('Say "hi" \\ there', prompt)
    parsed = tomllib.loads(text)
    assert parsed["description"] == 'Say "hi" \\ there'
    assert parsed["prompt"] == (prompt if prompt.endswith("\n") else prompt + "\n")


def test_subfolders_become_namespaces_and_descriptions_get_the_hint(
    hsync_env: HsyncEnv, make_project: Callable[..., Path], sync: Callable[..., RunResult]
) -> None:
    project = make_project()
    hsync_env.write(
        ".claude/commands/git/commit.md",
        "---\ndescription: Commit\nargument-hint: [type] [scope]\nmodel: haiku\n---\nCommit $ARGUMENTS\n",
    )
    hsync_env.write(project / ".claude/commands/frontend/ui/component.md", "Make a component.\n")
    result = sync(project)
    commit = tomllib.loads((hsync_env.home / ".gemini/commands/git/commit.toml").read_text())
    assert commit == {"description": "Commit (arguments: [type] [scope])", "prompt": "Commit {{args}}\n"}
    component = tomllib.loads((project / ".gemini/commands/frontend/ui/component.toml").read_text())
    assert component == {"description": "Make a component.", "prompt": "Make a component.\n"}
    report = result.targets["gemini"].report
    assert any(r.field == "model" and "haiku" in r.reason for r in report)


def test_an_empty_command_is_skipped(hsync_env: HsyncEnv, rendered: Callable[..., Rendered]) -> None:
    hsync_env.write(".claude/commands/empty.md", "---\ndescription: Nothing\n---\n\n")
    result = rendered(None)
    assert command_files(result) == {}
    assert any(r.name == "empty" and r.action == "skipped" for r in result.report)


def test_argument_hint_written_as_a_yaml_list_is_accepted(
    hsync_env: HsyncEnv, rendered: Callable[..., Rendered]
) -> None:
    hsync_env.write(".claude/commands/pr.md", "---\nargument-hint: [pr-number]\n---\nReview PR $1.\n")
    files = command_files(rendered(None))
    assert files["pr"]["description"] == "Review PR $1. (arguments: [pr-number])"


def test_plugin_commands_keep_their_plugin_namespace(
    hsync_env: HsyncEnv, sync: Callable[..., RunResult]
) -> None:
    plugin = hsync_env.root / "plugins" / "tools"
    hsync_env.write(plugin / ".claude-plugin/plugin.json", '{"name": "tools"}')
    hsync_env.write(plugin / "commands/lint.md", "---\ndescription: Lint\n---\nLint the code.\n")
    hsync_env.write(
        ".claude/plugins/installed_plugins.json",
        json.dumps(
            {"version": 2, "plugins": {"tools@local": [{"scope": "user", "installPath": str(plugin)}]}}
        ),
    )
    hsync_env.write(".claude/settings.json", json.dumps({"enabledPlugins": {"tools@local": True}}))
    sync(None)
    lint = tomllib.loads((hsync_env.home / ".gemini/commands/tools/lint.toml").read_text())
    assert lint["prompt"] == "Lint the code.\n"
