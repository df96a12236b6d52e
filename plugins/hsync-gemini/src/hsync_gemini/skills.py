"""Skills → ``.gemini/skills/<name>/``, a link to the skill's directory (the core copies where links fail).

Gemini's skill loader reads only ``name`` and ``description`` from ``SKILL.md``, and only when the
file starts with a ``---`` front matter block holding both (its fallback parser accepts any
``name:`` and ``description:`` lines). Claude Code accepts a skill without them (the folder names
it); Gemini silently ignores such a skill, so it is skipped here with the reason instead.
"""

from __future__ import annotations

import re

from hsync_core import SKILL_WITHOUT, LinkOutput, Skill, Sources, by_precedence

from .batch import Batch
from .paths import Place

#: Gemini's FRONTMATTER_REGEX (packages/core/src/skills/skillLoader.ts)
_FRONT_MATTER = re.compile(r"^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n([\s\S]*))?")
_KEY_LINE = r"^[ \t]*{}:[ \t]*(.*)$"


def rejection(skill: Skill, harness: str = "Gemini") -> str | None:
    """Why Gemini (or ``harness``, a fork with Gemini's skill loader) would not load ``skill``, or None."""
    if skill.origin is None:
        return "the skill has no directory to link"
    try:
        text = (skill.origin / "SKILL.md").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return f"SKILL.md cannot be read: {exc}"
    match = _FRONT_MATTER.match(text)
    if not match:
        return f"{harness} loads only a SKILL.md that starts with '---' front matter holding name and description"
    block = match.group(1)
    missing = [key for key in ("name", "description") if not re.search(_KEY_LINE.format(key), block, re.M)]
    if missing == ["description"]:  # the core's rule for skills without one
        return f"{harness} {SKILL_WITHOUT}"
    if missing:
        return (
            f"{harness} would not load it: SKILL.md front matter has no {' or '.join(missing)} "
            f"(Claude Code falls back to the folder name and the first paragraph; {harness} does not)"
        )
    name = re.search(_KEY_LINE.format("name"), block, re.M)
    if name is not None and not name.group(1).strip().strip("'\""):
        return f"the name in SKILL.md front matter is empty: {harness} could not name the skill"
    return None


def loaded_name(skill: Skill) -> str:
    """The name Gemini's loader gives the skill: its front matter ``name`` with ``:\\/<>*?"|``
    turned into ``-`` (``loadSkillFromFile``)."""
    declared = str(skill.frontmatter.get("name") or skill.name).strip().strip("'\"")
    return re.sub(r'[:\\/<>*?"|]', "-", declared)


def claimed(skill: Skill, name: str, path: object, batch: Batch, harness: str = "Gemini") -> bool:
    """Give ``skill`` its name in the harness's one skill namespace; False (reported) when taken.

    Gemini (and Qwen) load ``~/.gemini/skills`` and ``.gemini/skills`` into one list by name and
    emit "Skill conflict detected" for a second skill of a name, so two skills that load under
    one name, at one level or at both, are one too many: the first (Claude Code's precedence,
    user level before project level) keeps it.
    """
    where = f"{harness}'s skills (user and project skills share one list)"
    taken = batch.names("skills").claim(skill, name, where, also=[f"path:{path}"], path=path)
    if taken is not None:
        batch.report.append(taken)
        return False
    return True


def render(sources: Sources, place: Place, batch: Batch) -> None:
    for skill in by_precedence(sources.of("skills", level=place.level)):
        reason = rejection(skill)
        if reason:
            batch.skip(skill, reason, path=skill.origin)
            continue
        assert skill.origin is not None
        if not claimed(skill, loaded_name(skill), place.skill(skill.name), batch):
            continue
        batch.add(
            LinkOutput.for_item(
                skill,
                path=place.skill(skill.name),
                root=place.root,
                source=skill.origin,
            ),
            skill,
        )
