"""Skills → linked directories in $CODEX_HOME/skills and <project>/.codex/skills."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hsync_codex.skills import check_skill
from hsync_core.testing import HsyncEnv


def test_skill_directories_are_linked_never_the_skill_md(codex, hsync_env: HsyncEnv, team: Path) -> None:
    codex.sync(team)
    user = codex.codex_home / "skills" / "pdf-tools"
    assert user.is_symlink()
    assert Path(os.readlink(user)) == hsync_env.home / ".claude" / "skills" / "pdf-tools"
    assert not (user / "SKILL.md").is_symlink()  # the file is reached through the directory link
    assert (user / "scripts" / "extract.py").is_file()  # supporting files come along
    project = team / ".codex" / "skills" / "release-notes"
    assert project.is_symlink()
    assert (project / "template.md").is_file()


def test_a_skill_codex_would_reject_is_reported_not_linked(codex, team: Path) -> None:
    result = codex.sync(team)
    assert not (codex.codex_home / "skills" / "draft-notes").exists()
    [entry] = codex.reports(result, "skills", "draft-notes")
    assert entry.action == "skipped"
    assert entry.reason == (
        "Codex needs a description in SKILL.md's front matter; Claude Code falls back to the first "
        "paragraph, but hsync links the skill's folder as it is and cannot add one"
    )
    assert result.exit_code == 0  # an adapter skip does not fail the run


def _skill(root: Path, dirname: str, text: str) -> Path:
    path = root / dirname / "SKILL.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# Each case was run through the real Codex 0.169 (app-server skills/list); see test_real_codex.py.
ACCEPTED = {
    "plain": "---\nname: plain\ndescription: Does one thing.\n---\nBody\n",
    "colon-in-value": "---\nname: colon-in-value\ndescription: Use when: the user asks\n---\nBody\n",
    "claude-hint": "---\nname: claude-hint\ndescription: ok\nargument-hint: [a] [b]\n---\nBody\n",
    "no-name": "---\ndescription: The directory names it.\n---\nBody\n",
    "numeric": "---\nname: 123\ndescription: 42\n---\nBody\n",
    "metadata-map": "---\nname: metadata-map\ndescription: ok\nmetadata:\n  author: me\n---\nBody\n",
    "Upper Case:ok": "---\nname: Upper Case:ok\ndescription: Codex takes any name up to 64 characters\n---\n",
    "folded": "---\nname: folded\ndescription: |\n  line one\n  line two\n---\nBody\n",
    "crlf": "---\r\nname: crlf\r\ndescription: ok\r\n---\r\nBody\r\n",
}
REJECTED = {
    "no-front-matter": ("Just a body.\n", "does not start with a front matter block"),
    "bom": ("\ufeff---\nname: bom\ndescription: ok\n---\n", "does not start with a front matter block"),
    "no-description": ("---\nname: no-description\n---\nBody\n", "it has no `description`"),
    "blank-description": ("---\nname: blank-description\ndescription: '  '\n---\n", "no `description`"),
    "list-description": (
        "---\nname: list-description\ndescription: [a, b]\n---\n",
        "`description` must be text",
    ),
    "unclosed-quote": ('---\nname: unclosed-quote\ndescription: "oops\n---\n', "not valid YAML"),
    "duplicate-key": ("---\nname: duplicate-key\ndescription: a\ndescription: b\n---\n", "duplicate field"),
    "metadata-list": (
        "---\nname: metadata-list\ndescription: ok\nmetadata: [a]\n---\n",
        "`metadata` must be",
    ),
    "percent": ("---\nname: percent\ndescription: %complete\n---\n", "not valid YAML"),
    "d" * 70: ("---\ndescription: The directory name is too long.\n---\n", "70 characters long"),
}


@pytest.mark.parametrize("dirname", sorted(ACCEPTED))
def test_what_codex_accepts(tmp_path: Path, dirname: str) -> None:
    problem, _ = check_skill(_skill(tmp_path, dirname, ACCEPTED[dirname]), dirname)
    assert problem is None


@pytest.mark.parametrize("dirname", sorted(REJECTED))
def test_what_codex_rejects(tmp_path: Path, dirname: str) -> None:
    text, why = REJECTED[dirname]
    problem, _ = check_skill(_skill(tmp_path, dirname, text), dirname)
    assert problem is not None and why in problem


def test_the_name_codex_lists_comes_from_the_front_matter(tmp_path: Path) -> None:
    path = _skill(tmp_path, "folder", "---\nname: listed-name\ndescription: ok\n---\n")
    assert check_skill(path, "folder") == (None, "listed-name")
    path = _skill(tmp_path, "folder2", "---\nname: ''\ndescription: ok\n---\n")
    assert check_skill(path, "folder2") == (None, "folder2")


def test_two_skills_codex_would_list_under_one_name(codex, hsync_env: HsyncEnv) -> None:
    hsync_env.write(".claude/skills/pdf/SKILL.md", "---\nname: pdf\ndescription: One.\n---\n")
    hsync_env.write(".claude/skills/pdf-v2/SKILL.md", "---\nname: pdf\ndescription: Two.\n---\n")
    rendered = codex.render()
    assert [o.item for o in rendered.outputs if o.kind == "skills"] == ["pdf"]
    [entry] = codex.reports(rendered, "skills", "pdf-v2")
    assert entry.reason.startswith("the user skill pdf (.claude/skills/pdf) already takes the name")
    assert entry.reason.endswith("the user skill pdf-v2 (.claude/skills/pdf-v2) is not written")


@pytest.mark.realcli
def test_the_checker_agrees_with_the_real_codex(real_codex, hsync_env: HsyncEnv) -> None:
    """Every case above, as real skill directories, through Codex's own loader."""
    project = hsync_env.project("skill-cases")
    skills = project / ".codex" / "skills"
    cases = {**ACCEPTED, **{name: text for name, (text, _) in REJECTED.items()}}
    predicted = {d: check_skill(_skill(skills, d, text), d)[0] is None for d, text in cases.items()}
    listed, errors, _ = real_codex(project).skills()
    rejected_dirs = {Path(e["path"]).parent.name for e in errors}
    listed_dirs = {Path(s["path"]).parent.name for s in listed.values()}
    assert rejected_dirs | listed_dirs == set(cases)
    assert {d: d in listed_dirs for d in cases} == predicted
