"""Skills: Kilo reads ``~/.claude/skills`` and ``<project>/.claude/skills`` itself.

So nothing is written for them (reported as native). Skills of enabled Claude Code plugins live
elsewhere; they are linked into ``skill/<name>`` (``~/.config/kilo/skill/``,
``<project>/.kilo/skill/``). Kilo has one namespace for skills: for a duplicate name it keeps the
one in its own ``skill/`` directory and only logs a warning (``--print-logs``), so a plugin skill
whose name a Claude skill already has is not linked. When the environment switches Kilo's Claude
skill scan off (``KILO_DISABLE_CLAUDE_CODE``, ``KILO_DISABLE_CLAUDE_CODE_SKILLS`` or
``KILO_DISABLE_EXTERNAL_SKILLS``), every skill is linked.
"""

from __future__ import annotations

from collections.abc import Iterable

from hsync_core import Context, LinkOutput, Sources, name_taken
from hsync_opencode.paths import Place
from hsync_opencode.skills import skill_name

from .collect import KiloCollected

SCAN_SWITCHES = (
    "KILO_DISABLE_CLAUDE_CODE",
    "KILO_DISABLE_CLAUDE_CODE_SKILLS",
    "KILO_DISABLE_EXTERNAL_SKILLS",
)
TRUE = frozenset({"1", "true", "yes", "on", "y"})


def switched_off(ctx: Context, switches: Iterable[str]) -> str | None:
    """The first of ``switches`` set to a true value in the run's environment, if any."""
    return next((name for name in switches if ctx.environ.get(name, "").lower() in TRUE), None)


def render(sources: Sources, ctx: Context, place: Place, out: KiloCollected) -> None:
    scan_off = switched_off(ctx, SCAN_SWITCHES)
    # a user-level output must not depend on the project: compare with user skills there
    native = {
        skill_name(s): s
        for s in sources.of("skills")
        if s.scope != "plugin" and s.level in ("user", place.level)
    }
    skills = sorted(sources.of("skills", level=place.level), key=lambda s: s.scope == "plugin")
    for skill in skills:
        if skill.scope != "plugin" and not scan_off:
            out.native(skill, str(skill.origin), path=skill.origin)
            continue
        if skill.origin is None:
            out.note(skill, "the skill has no directory to link")
            continue
        name = skill_name(skill)
        other = native.get(name)
        where = "Kilo's skills (it reads .claude/skills itself and names skills without a plugin's namespace)"
        if skill.scope == "plugin" and other is not None:
            out.report.append(name_taken(skill, other, name, where))
            continue
        path = place.skills / skill.name
        taken = out.names(str(place.skills)).claim(skill, name, where, also=[f"path:{path}"], path=path)
        if taken is not None:
            out.report.append(taken)
            continue
        if skill.scope != "plugin":
            out.note(skill, f"linked because {scan_off} stops Kilo reading .claude/skills", action="info")
        out.add(LinkOutput.for_item(skill, path=path, root=place.root, source=skill.origin))
