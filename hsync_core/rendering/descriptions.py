"""Items without a description: one rule for every adapter.

Claude Code lets a command (and a skill) go without ``description``: it shows the first line or
paragraph of the body instead. Most harnesses need one, or show nothing useful without it. The
rule: an item's own ``description`` is used as it is; without one, a **command** (a file hsync
generates) gets the first sentence of its body, reported as ``description derived from the body``
(information, exit 0); a body with no prose at all gives no description, and the adapter skips
the item if its harness needs one. A **skill** is linked as its folder, so hsync cannot add a
description to its ``SKILL.md``: a harness that needs one skips it (:data:`SKILL_WITHOUT`).
"""

from __future__ import annotations

import re

from ..models import Item, ReportEntry

#: the longest derived description (Codex, Gemini and Copilot show one line)
MAX_DERIVED = 200
DERIVED = "description derived from the body"
#: why a linked skill without a description cannot be carried (the harness is named before it)
SKILL_WITHOUT = (
    "needs a description in SKILL.md's front matter; Claude Code falls back to the first paragraph, "
    "but hsync links the skill's folder as it is and cannot add one"
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def first_sentence(body: str) -> str | None:
    """The first sentence of the first prose paragraph of ``body`` (outside code fences,
    HTML comments and front matter; heading marks and list bullets removed), or None."""
    text = _COMMENT.sub("", body)
    lines = text.splitlines()
    if lines and lines[0].strip() == "---":  # front matter left in a body
        end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() == "---"), None)
        lines = lines[end + 1 :] if end is not None else lines
    paragraph: list[str] = []
    fence: str | None = None
    for line in lines:
        stripped = line.strip()
        if fence is not None:
            if stripped.startswith(fence):
                fence = None
            continue
        if stripped.startswith(("```", "~~~")):
            if paragraph:
                break
            fence = stripped[:3]
            continue
        if not stripped:
            if paragraph:
                break
            continue
        cleaned = re.sub(r"^(#{1,6}\s+|[-*+]\s+|>\s*|\d+[.)]\s+)", "", stripped).strip()
        if cleaned:
            paragraph.append(cleaned)
        if stripped.startswith("#") and paragraph:
            break  # a heading is a paragraph of its own
    if not paragraph:
        return None
    text = " ".join(" ".join(paragraph).split())
    text = _SENTENCE_END.split(text, 1)[0]
    if len(text) > MAX_DERIVED:
        text = text[: MAX_DERIVED - 1].rstrip() + "…"
    return text or None


def description_of(item: Item, description: str | None, body: str) -> tuple[str | None, ReportEntry | None]:
    """``item``'s description: its own, else the first sentence of ``body`` with the ``info``
    line saying so, else (None, None): nothing to derive it from."""
    own = " ".join((description or "").split())
    if own:
        return own, None
    derived = first_sentence(body)
    if derived is None:
        return None, None
    return derived, ReportEntry.for_item(item, f"{DERIVED}: {derived!r}", action="info", field="description")
