"""The vocabulary every room shares: kinds of items, scopes, levels and plan actions.

No imports: the config, the models and the adapters all read these names.
"""

from __future__ import annotations

#: every kind of item, in the order reports list them
KINDS: tuple[str, ...] = ("rules", "skills", "agents", "commands", "mcp", "settings", "hooks", "plugins")
#: kinds a target receives unless the config says otherwise ("settings", "hooks" and "plugins"
#: are opt-in; "plugins": register an enabled Claude Code plugin's marketplace with a harness that
#: installs Claude Code plugins, instead of translating the plugin's parts)
DEFAULT_KINDS: tuple[str, ...] = ("rules", "skills", "agents", "commands", "mcp")
#: where an item came from
SCOPES: tuple[str, ...] = ("user", "project", "local", "plugin")
#: where an output goes: the harness's user-level files or the project's files
LEVELS: tuple[str, ...] = ("user", "project")
#: plan actions
#: (``kept``: a hand edit the user chose to keep with ``hsync drift --keep``; left, not an error)
ACTIONS: tuple[str, ...] = (
    "create",
    "update",
    "unchanged",
    "remove",
    "conflict",
    "failed",
    "skipped",
    "kept",
)
#: report actions: what adapters and readers say about an item (see ``ReportEntry``)
REPORT_ACTIONS: tuple[str, ...] = ("skipped", "warning", "info", "native")
