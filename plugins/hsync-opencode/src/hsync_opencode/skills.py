"""Skills: OpenCode reads ``~/.claude/skills`` and ``<project>/.claude/skills`` itself.

So nothing is written for them: the report says where OpenCode finds each one. That holds for the
``.claude/skills`` of a project subfolder too: OpenCode looks for ``.claude`` folders from its
working directory up to the worktree's root (checked with ``opencode debug skill`` in 1.18.33). Skills of
enabled Claude Code plugins live elsewhere; they are linked into ``skill/<name>``. When the
environment switches OpenCode's Claude skill scan off (``OPENCODE_DISABLE_CLAUDE_CODE``,
``OPENCODE_DISABLE_CLAUDE_CODE_SKILLS`` or ``OPENCODE_DISABLE_EXTERNAL_SKILLS``), every skill is
linked.
"""

from __future__ import annotations

from hsync_core import Context, LinkOutput, Skill, Sources, name_taken

from .collect import Collected
from .paths import Place

SCAN_SWITCHES = (
    "OPENCODE_DISABLE_CLAUDE_CODE",
    "OPENCODE_DISABLE_CLAUDE_CODE_SKILLS",
    "OPENCODE_DISABLE_EXTERNAL_SKILLS",
)
TRUE = frozenset({"1", "true", "yes", "on", "y"})


def claude_scan_off(ctx: Context) -> str | None:
    """The variable that stops OpenCode reading ``.claude/skills``, when one is set."""
    return next((name for name in SCAN_SWITCHES if ctx.environ.get(name, "").lower() in TRUE), None)


def skill_name(skill: Skill) -> str:
    """The name OpenCode gives the skill: its front matter ``name``, else the directory's."""
    declared = skill.frontmatter.get("name")
    return str(declared) if declared else skill.name


def render(sources: Sources, ctx: Context, place: Place, out: Collected) -> None:
    scan_off = claude_scan_off(ctx)
    # a user-level output must not depend on the project: compare with user skills there
    native = {
        skill_name(s): s
        for s in sources.of("skills")
        if s.scope != "plugin" and s.level in ("user", place.level)
    }
    skills = sorted(sources.of("skills", level=place.level), key=lambda s: s.scope == "plugin")
    for skill in skills:
        if skill.scope != "plugin" and not scan_off:
            out.note(
                skill, f"OpenCode reads it natively from {skill.origin}", action="info", path=skill.origin
            )
            continue
        if skill.origin is None:
            out.note(skill, "the skill has no directory to link")
            continue
        if skill.folder:  # OpenCode finds <folder>/.claude/skills only through its Claude scan
            out.note(skill, f"not linked: {scan_off} stops OpenCode reading {skill.folder}/.claude/skills")
            continue
        name = skill_name(skill)
        other = native.get(name)
        where = (
            "OpenCode's skills (it reads .claude/skills itself and names skills without a plugin's namespace)"
        )
        if skill.scope == "plugin" and other is not None:
            out.report.append(name_taken(skill, other, name, where))
            continue
        path = place.skills / skill.name
        taken = out.names(str(place.skills)).claim(skill, name, where, also=[f"path:{path}"], path=path)
        if taken is not None:
            out.report.append(taken)
            continue
        if skill.scope != "plugin":
            out.note(skill, f"linked because {scan_off} stops OpenCode reading .claude/skills", action="info")
        out.add(
            LinkOutput.for_item(
                skill,
                path=path,
                root=place.root,
                source=skill.origin,
            )
        )
