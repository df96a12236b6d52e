"""Skills → links ``$COPILOT_HOME/skills/<name>`` (and ``.github/skills/<name>`` for a project plugin).

Copilot does not read ``~/.claude/skills`` but reads ``~/.copilot/skills``, and lists a linked skill
directory, so the directory is linked and its files come along. Project skills in
``.claude/skills`` are read by Copilot itself. Copilot refuses a ``SKILL.md`` without a front
matter block ("missing or malformed YAML frontmatter"): such a skill is reported, not linked.
"""

from __future__ import annotations

from hsync_core import LinkOutput, Output, ReportEntry, Skill

from .names import Names, by_precedence
from .paths import Place


def _front_matter_problem(skill: Skill) -> str | None:
    if skill.origin is None:
        return "no skill directory"
    try:
        text = (skill.origin / "SKILL.md").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return f"cannot read SKILL.md: {getattr(exc, 'strerror', None) or exc}"
    if not text.lstrip("\ufeff").startswith("---"):
        return "Copilot refuses a SKILL.md without a YAML front matter block"
    return None


def render_skills(skills: list[Skill], place: Place, names: Names) -> tuple[list[Output], list[ReportEntry]]:
    outputs: list[Output] = []
    report: list[ReportEntry] = []
    for skill in by_precedence(skills):
        problem = _front_matter_problem(skill)
        if problem or skill.origin is None:
            report.append(ReportEntry.for_item(skill, problem or "no skill directory", path=skill.origin))
            continue
        path = place.skills / skill.name
        taken = names.claim(skill, skill.name, place.show(place.skills), path=path)
        if taken is not None:
            report.append(taken)
            continue
        outputs.append(LinkOutput.for_item(skill, path=path, root=place.root, source=skill.origin))
    return outputs, report
