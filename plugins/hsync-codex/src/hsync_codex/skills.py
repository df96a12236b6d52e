"""Skills → links ``$CODEX_HOME/skills/<name>`` and ``<project>/.codex/skills/<name>``.

The skill *directory* is linked (Codex lists symlinked skill directories; a ``SKILL.md`` that is
itself a link is skipped without a word), so supporting files come along. A skill Codex would
reject is not linked but reported, with Codex's reason: Codex 0.169 needs a ``---`` front matter
block that its YAML reader accepts, a non-empty ``description``, a ``name`` (or directory name)
of at most 64 characters and, when present, a ``metadata`` mapping.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any

from hsync_core import SKILL_WITHOUT, LinkOutput, Output, ReportEntry, Skill

from .names import Names, by_precedence
from .paths import Place

MAX_NAME = 64
NO_DESCRIPTION = "it has no `description`"
# a top-level `key: value` line whose value Codex quotes before it tries again
_KEY_LINE = re.compile(r"^([A-Za-z0-9_-]+):[ \t]+(\S.*?)[ \t]*$")


def render_skills(skills: list[Skill], place: Place, names: Names) -> tuple[list[Output], list[ReportEntry]]:
    outputs: list[Output] = []
    report: list[ReportEntry] = []
    for skill in by_precedence(skills):
        if skill.origin is None:
            continue
        problem, codex_name = check_skill(skill.origin / "SKILL.md", skill.name)
        if problem == NO_DESCRIPTION:  # the core's rule for skills without one
            report.append(ReportEntry.for_item(skill, f"Codex {SKILL_WITHOUT}", path=skill.origin))
            continue
        if problem:
            report.append(ReportEntry.for_item(skill, f"Codex would reject it: {problem}", path=skill.origin))
            continue
        path = place.skills / skill.name
        taken = names.claim(skill, skill.name, place.show(place.skills), also=[codex_name], path=path)
        if taken is not None:
            report.append(taken)
            continue
        outputs.append(
            LinkOutput.for_item(
                skill,
                path=path,
                root=place.root,
                source=skill.origin,
            )
        )
        nested = sorted(f for f in skill.files if f.endswith("/SKILL.md"))
        if nested:
            reason = (
                f"Codex searches a skill's folder for more SKILL.md files and also lists {', '.join(nested)} "
                "as skills of their own (Claude Code reads only the top SKILL.md)"
            )
            report.append(ReportEntry.for_item(skill, reason, action="warning", path=path, field="files"))
    return outputs, report


# ------------------------------------------------------------------- what Codex 0.169 accepts


def front_matter(text: str) -> str | None:
    """The front matter block as Codex extracts it (first line ``---``, up to the next ``---``)."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return None
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            return "\n".join(lines[1:index]) if index > 1 else None
    return None


@functools.cache
def _loader() -> Any:
    """A YAML loader as strict as Codex's: safe, and a key given twice is an error."""
    import yaml

    class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when PyYAML has it
        pass

    def mapping(loader: Loader, node: yaml.MappingNode) -> dict[Any, Any]:
        seen = set()
        for key_node, _ in node.value:
            key = loader.construct_object(key_node)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate field `{key}`", key_node.start_mark
                )
            seen.add(key)
        return yaml.SafeLoader.construct_mapping(loader, node)

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    return Loader


def _strict_load(block: str) -> Any:
    import yaml

    return yaml.load(block, Loader=_loader())  # a SafeLoader subclass: plain data only


def _requote(block: str) -> str:
    """Codex's second try: top-level values that trip YAML (``a: b``, ``[x] y``) are quoted."""
    lines = []
    for line in block.split("\n"):
        match = _KEY_LINE.match(line)
        value = match.group(2) if match else ""
        if match and value[0] not in "\"'|>" and (": " in value or value.endswith(":") or value[0] in "[{@`"):
            line = f"{match.group(1)}: {json.dumps(value, ensure_ascii=False)}"
        lines.append(line)
    return "\n".join(lines)


def load_front_matter(block: str) -> tuple[Any, str | None]:
    """(data, None) or (None, the YAML error) the way Codex reads a skill's front matter."""
    import yaml

    try:
        return _strict_load(block), None
    except yaml.YAMLError as first:
        try:
            return _strict_load(_requote(block)), None
        except yaml.YAMLError:
            return None, " ".join(str(first).split())


def _one_line(value: Any) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def check_skill(skill_md: Path, dirname: str) -> tuple[str | None, str]:
    """(why Codex would reject ``skill_md``, or None; the name Codex would list it under)."""
    try:
        text = skill_md.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return f"cannot read SKILL.md: {getattr(exc, 'strerror', None) or exc}", dirname
    block = front_matter(text)
    if block is None:
        return "SKILL.md does not start with a front matter block between `---` lines", dirname
    data, error = load_front_matter(block)
    if error:
        return f"its front matter is not valid YAML ({error})", dirname
    if not isinstance(data, dict):
        return "its front matter is not a mapping of keys to values", dirname
    for key in ("name", "description"):
        if isinstance(data.get(key), (list, dict)):
            return f"`{key}` must be text", dirname
    name = _one_line(data.get("name")) or dirname
    if not _one_line(data.get("description")):
        return NO_DESCRIPTION, name
    if data.get("metadata") is not None and not isinstance(data["metadata"], dict):
        return "`metadata` must be a mapping", name
    if len(name) > MAX_NAME:
        return f"its name is {len(name)} characters long; Codex allows at most {MAX_NAME}", name
    return None, name
