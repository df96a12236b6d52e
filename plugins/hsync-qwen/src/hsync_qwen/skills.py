"""Skills → ``skills/<name>/`` in ``~/.qwen`` / ``.qwen``, a link to the skill's directory.

Qwen reads neither ``~/.claude/skills`` nor ``.claude/skills``, so every skill is linked. Its
loader needs a ``SKILL.md`` whose front matter has a non-empty ``name`` (letters, digits, ``_``,
``:``, ``.``, ``-``) and ``description``; Claude Code falls back to the folder name and the first
paragraph, Qwen does not (it only logs the broken file under ``--debug``), so such a skill is
skipped with the reason. The checks are the Gemini adapter's: Qwen inherited Gemini's loader.
"""

from __future__ import annotations

import re

from hsync_core import LinkOutput, Skill, Sources, by_precedence
from hsync_gemini.batch import Batch
from hsync_gemini.skills import claimed, loaded_name, rejection

from .paths import Place

#: Qwen's skill name pattern (``/^[\p{L}\p{N}_:.-]+$/u``)
_NAME = re.compile(r"^[\w:.-]+$")


def qwen_rejection(skill: Skill) -> str | None:
    """Why Qwen would not load ``skill``, or None."""
    reason = rejection(skill, harness="Qwen")
    if reason:
        return reason
    declared = str(skill.frontmatter.get("name", "")).strip()
    if declared and not _NAME.match(declared):
        return f"Qwen would not load it: the name {declared!r} has characters Qwen refuses (letters, digits, _ : . - only)"
    return None


def render(sources: Sources, place: Place, batch: Batch) -> None:
    for skill in by_precedence(sources.of("skills", level=place.level)):
        reason = qwen_rejection(skill)
        if reason:
            batch.skip(skill, reason, path=skill.origin)
            continue
        assert skill.origin is not None
        if not claimed(skill, loaded_name(skill), place.skill(skill.name), batch, harness="Qwen"):
            continue
        batch.add(
            LinkOutput.for_item(skill, path=place.skill(skill.name), root=place.root, source=skill.origin),
            skill,
        )
