"""The mistakes other sync tools made (FORMATS.md §9) that apply to OpenCode, one test each."""

from __future__ import annotations

import json
import os

import yaml

from hsync_core import KINDS, FileOutput, JsonEntry, jsonc

CLAUDE_ALIASES = ("sonnet", "opus", "haiku", "inherit")


def front_matter(text):
    return yaml.safe_load(text[4:].split("\n---\n", 1)[0]) if text.startswith("---\n") else {}


def test_argument_hint_list_is_accepted_and_a_broken_file_breaks_nothing_else(runner):
    project = runner.team()
    runner.write(project / ".claude/commands/pr.md", "---\nargument-hint: [pr-number]\n---\nReview PR #$1.\n")
    runner.write(project / ".claude/commands/broken.md", "---\ndescription: [unclosed\n  bad: : :\n")
    result = runner.run(project)
    assert (project / ".opencode/command/pr.md").read_text(encoding="utf-8") == (
        "---\ndescription: 'Review PR #$1.'\n---\nReview PR #$1.\n"
    )
    assert not (project / ".opencode/command/broken.md").exists()
    assert (project / ".opencode/command/deploy.md").is_file()
    assert [p.name for p in result.problems] == ["broken"]


def test_no_shell_style_variable_is_left_for_opencode(runner):
    project = runner.team()
    runner.run(project, kinds=KINDS)
    for path in (runner.config_dir / "opencode.json", project / "opencode.jsonc"):
        text = path.read_text(encoding="utf-8")
        assert "${" not in text
        assert "{env:GITHUB_TOKEN}" in text or "{env:API_GATEWAY_KEY}" in text


def test_no_claude_model_alias_is_copied(runner):
    project = runner.team()
    for output in runner.outputs(project).values():
        if isinstance(output, FileOutput) and output.kind in ("agents", "commands"):
            model = front_matter(output.content).get("model")
            assert model is None or "/" in model, (output.path, model)
            assert model not in CLAUDE_ALIASES


def test_no_legacy_prefix_suffix_in_permission_patterns(runner):
    project = runner.team()
    for output in runner.outputs(project, kinds=KINDS).values():
        if isinstance(output, JsonEntry) and output.key[0] == "permission":
            assert ":*" not in json.dumps(output.value), output.value


def test_star_comes_first_in_every_permission_map(runner):
    project = runner.team()
    maps = []
    for output in runner.outputs(project, kinds=KINDS).values():
        if isinstance(output, JsonEntry) and output.key[0] == "permission" and isinstance(output.value, dict):
            maps.append(output.value)
        if isinstance(output, FileOutput) and output.kind == "agents":
            maps.extend(
                v for v in front_matter(output.content).get("permission", {}).values() if isinstance(v, dict)
            )
    assert maps
    for rules in maps:
        if "*" in rules:
            assert next(iter(rules)) == "*", rules


def test_hand_added_server_survives_every_regeneration(runner):
    project = runner.team()
    runner.run(project)
    runner.write(
        ".claude.json", (runner.home / ".claude.json").read_text(encoding="utf-8").replace("-y", "--yes")
    )
    runner.run(project)
    (runner.home / ".claude.json").unlink()
    runner.run(project)
    servers = jsonc.parse((runner.config_dir / "opencode.json").read_text(encoding="utf-8")).value["mcp"]
    assert list(servers) == ["my-notes", "acme-docs"]


def test_check_fails_while_something_would_be_removed(runner):
    project = runner.team()
    runner.env.write(runner.env.hsync_home / "config.toml", 'targets = ["opencode"]\n')
    assert runner.env.run("sync", project=project).returncode == 0
    assert runner.env.run("check", project=project).returncode == 0
    (runner.home / ".claude/commands/explain.md").unlink()
    check = runner.env.run("check", project=project)
    assert check.returncode == 4, check.stdout + check.stderr
    assert "explain" in check.stdout
    assert runner.env.run("sync", project=project).returncode == 0
    assert not (runner.config_dir / "command/explain.md").exists()


def test_no_timestamps_a_second_sync_writes_nothing(runner):
    project = runner.team()
    runner.run(project, kinds=KINDS)
    snapshot = runner.env.snapshot(runner.config_dir, project)
    mtimes = {p: os.lstat(p).st_mtime_ns for p in snapshot}
    second = runner.run(project, kinds=KINDS)
    assert {c.action for c in second.targets["opencode"].changes} == {"unchanged"}
    assert runner.env.snapshot(runner.config_dir, project) == snapshot
    assert {p: os.lstat(p).st_mtime_ns for p in snapshot} == mtimes


def test_user_scope_output_never_lands_in_the_project(runner):
    project = runner.team()
    for output in runner.outputs(project, kinds=KINDS).values():
        if output.level == "user":
            assert runner.config_dir in output.path.parents, output.path
            assert output.root == runner.config_dir
        else:
            assert project in output.path.parents, output.path
            assert output.root == project


def test_hand_edit_of_an_owned_server_is_drift(runner):
    project = runner.team()
    runner.run(project)
    path = runner.config_dir / "opencode.json"
    edited = path.read_text(encoding="utf-8").replace(
        "https://mcp.context7.com/mcp", "https://example.org/mcp"
    )
    path.write_text(edited, encoding="utf-8")
    runner.write(
        ".claude.json",
        (runner.home / ".claude.json").read_text(encoding="utf-8").replace('/mcp"', '/v2/mcp"'),
    )
    result = runner.run(project)
    conflicts = [c for c in result.targets["opencode"].changes if c.action == "conflict"]
    assert [(c.item, c.drift) for c in conflicts] == [("context7", True)]
    assert path.read_text(encoding="utf-8") == edited
