"""Claude subagents as Kilo agents: ``agent/<name>.md`` with ``mode: subagent``.

Kilo's agent format is OpenCode's, so :func:`hsync_opencode.agents.convert` does the work. What
Kilo does differently, checked against the real CLI:

- ``color`` takes ``#rrggbb`` or one of Kilo's theme colours (``primary``, ``accent``, …); a
  Claude colour name (``red``) makes the whole file invalid and the agent silently vanishes, so
  it is dropped (OpenCode's renderer drops it already; theme colours are kept here).
- Kilo gives agents more tools than OpenCode (``background_process``, ``kilo_local_recall``,
  ``board_*``, …): a Claude ``tools`` allow-list denies those too.
- A ``tools`` string (``tools: Read, Grep``) is invalid in Kilo (it expects an object); the
  renderer never writes ``tools``, only ``permission``.
"""

from __future__ import annotations

from typing import Any

from hsync_core import Agent, Sources
from hsync_opencode import agents as opencode_agents
from hsync_opencode.markdown import Note, render_documents
from hsync_opencode.paths import Place

from .collect import KiloCollected

THEME_COLOURS = frozenset({"primary", "secondary", "accent", "success", "warning", "error", "info"})
#: Kilo's own agent tools (7.7) beyond OpenCode's, and the permission key that keeps each one
#: when a Claude ``tools`` list allows it (None: no Claude tool stands for it)
KILO_TOOLS: dict[str, str | None] = {
    "background_process": "bash",
    "kilo_local_recall": None,
    "board_post": None,
    "board_read": None,
    "schedule_wakeup": None,
    "cancel_wakeup": None,
    "goal_report": None,
    "suggest": None,
}
ORDER = ("description", "mode", "model", "steps", "color", "permission")


def render(sources: Sources, place: Place, out: KiloCollected) -> None:
    render_documents(
        sources.of("agents", level=place.level),
        place.agents,
        place,
        out,
        what="agent",
        name_of=opencode_agents.agent_name,
        convert=lambda agent, _name: convert(agent),
    )


def convert(agent: Agent) -> tuple[dict[str, Any], list[Note]]:
    """The Kilo front matter for ``agent`` and what could not be carried over."""
    meta, notes = opencode_agents.convert(agent)
    colour = agent.frontmatter.get("color")
    if isinstance(colour, str) and colour in THEME_COLOURS:
        meta["color"] = colour
        notes = [n for n in notes if n[2] != "color"]
    elif "color" not in meta and colour is not None:
        notes = [n for n in notes if n[2] != "color"]
        notes.append(
            (
                f"color {colour!r} dropped: Kilo takes only #rrggbb or a theme colour "
                f"({', '.join(sorted(THEME_COLOURS))}) and ignores the whole agent otherwise",
                "info",
                "color",
            )
        )
    if agent.tools is not None and "*" not in agent.tools:
        permission = dict(meta.get("permission", {}))
        for tool, key in KILO_TOOLS.items():
            if key is None or permission.get(key) == "deny":
                permission[tool] = "deny"
        meta["permission"] = permission
    ordered = {key: meta[key] for key in ORDER if key in meta}
    ordered.update((key, value) for key, value in meta.items() if key not in ordered)
    return ordered, notes
