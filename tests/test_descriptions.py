"""Commands without a description get the first sentence of their body, reported once per target
in the same words; skills without one are skipped by harnesses that need one."""

from __future__ import annotations

import json
import os
import subprocess
import tomllib
from pathlib import Path

import pytest

from hsync_core import first_sentence
from hsync_core.testing import HsyncEnv, npm_cli


def test_first_sentence_skips_code_comments_and_marks() -> None:
    assert first_sentence("# Deploy the app\n\nThen more.") == "Deploy the app"
    assert first_sentence("```sh\nls\n```\nRun the tests. Then fix them.") == "Run the tests."
    assert (
        first_sentence("<!-- note -->\n- Review $ARGUMENTS carefully! More.")
        == "Review $ARGUMENTS carefully!"
    )
    assert first_sentence("---\nx: 1\n---\nBody line\nwraps here.\n\nNext.") == "Body line wraps here."
    assert first_sentence("```\nonly code\n```\n") is None
    assert first_sentence("") is None
    assert len(first_sentence("word " * 100) or "") == 200


def test_every_target_derives_it_the_same_way(hsync_env: HsyncEnv) -> None:
    hsync_env.write(".claude/commands/ship.md", "Ship the current branch to staging. Then tell the team.\n")
    done = hsync_env.run("sync", "--json")
    assert done.returncode == 0, done.stdout + done.stderr
    targets = json.loads(done.stdout)["targets"]
    wanted = "description derived from the body: 'Ship the current branch to staging.'"
    for name, result in targets.items():
        notes = [i for i in result["items"] if i["kind"] == "commands" and i["reason"] == wanted]
        assert len(notes) == 1 and notes[0]["action"] == "info", (name, result["items"])
    gemini = tomllib.loads((hsync_env.home / ".gemini/commands/ship.toml").read_text())
    assert gemini["description"] == "Ship the current branch to staging."
    opencode = (hsync_env.home / ".config/opencode/command/ship.md").read_text()
    assert opencode.startswith("---\ndescription: Ship the current branch to staging.\n---\n")


def test_a_skill_without_description_is_skipped_with_one_reason(hsync_env: HsyncEnv) -> None:
    hsync_env.write(".claude/skills/draft/SKILL.md", "---\nname: draft\n---\nDraft things.\n")
    done = hsync_env.run("sync", "--json", "-t", "codex", "-t", "gemini", "-t", "qwen")
    assert done.returncode == 0, done.stdout + done.stderr
    for name, result in json.loads(done.stdout)["targets"].items():
        [entry] = [i for i in result["items"] if i["kind"] == "skills" and i["name"] == "draft"]
        assert entry["action"] == "skipped"
        assert entry["reason"].endswith(
            "needs a description in SKILL.md's front matter; Claude Code falls back to the first paragraph, "
            "but hsync links the skill's folder as it is and cannot add one"
        ), (name, entry)


@pytest.mark.realcli
def test_claude_loads_skills_and_commands_without_a_description(tmp_path: Path) -> None:
    """``claude plugin validate`` 2.1.330: a skill or command without a description is valid (a
    warning, no error), so hsync must carry them rather than drop them as broken."""
    plugin = tmp_path / "plugin"
    (plugin / ".claude-plugin").mkdir(parents=True)
    (plugin / ".claude-plugin/plugin.json").write_text('{"name": "p", "version": "1.0.0"}')
    (plugin / "skills/draft").mkdir(parents=True)
    (plugin / "skills/draft/SKILL.md").write_text("---\nname: draft\n---\nDraft release notes.\n")
    (plugin / "commands").mkdir()
    (plugin / "commands/ship.md").write_text("Ship the branch. Then tell the team.\n")
    (tmp_path / "home").mkdir()
    done = subprocess.run(
        [
            str(npm_cli("@anthropic-ai/claude-code", "2.1.330", "claude")),
            "plugin",
            "validate",
            "--json",
            str(plugin),
        ],
        env={
            "PATH": os.environ["PATH"],
            "HOME": str(tmp_path / "home"),
            "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC": "1",
        },
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    report = json.loads(done.stdout)
    assert report["success"] is True, done.stdout
    found = {Path(c["file"]).name: c for c in report["contents"]}
    assert found["SKILL.md"]["errors"] == [] and found["ship.md"]["errors"] == []
    assert [w["path"] for w in found["SKILL.md"]["warnings"]] == ["description"]
