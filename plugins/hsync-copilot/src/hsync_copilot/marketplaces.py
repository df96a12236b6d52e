"""Claude Code plugins (kind ``plugins``, opt-in) → Copilot CLI's own plugin install.

Copilot CLI 1.0.102 keeps plugins the way Claude Code does: ``copilot plugin marketplace add DIR``
writes ``extraKnownMarketplaces.<name> = {"source": {"source": "directory", "path": DIR}}`` into
``$COPILOT_HOME/settings.json``, and ``copilot plugin install <plugin>@<name>`` adds
``enabledPlugins["<plugin>@<name>"] = true``; a plugin of a local marketplace is then "loaded live
from" that folder, nothing copied. hsync writes those two keys, with the folder Claude Code has
for the marketplace (a directory marketplace's own folder, or Claude Code's clone of a git one),
so Copilot loads the plugin with no command run and nothing fetched (``copilot plugin list``
shows it enabled). A plugin installed for one project is reported: hsync registers marketplaces
in the user's settings only.
"""

from __future__ import annotations

from hsync_core import JsonEntry, Output, Plugin, ReportEntry

from .paths import HARNESS, Place


def render_marketplaces(plugins: list[Plugin], place: Place) -> tuple[list[Output], list[ReportEntry]]:
    outputs: list[Output] = []
    report: list[ReportEntry] = []
    settings = place.root / "settings.json"
    registered: set[str] = set()
    for plugin in sorted(plugins, key=lambda p: p.name):
        if place.level != "user":
            reason = (
                f"hsync registers plugin marketplaces in {HARNESS}'s user settings only, for every project"
            )
            report.append(ReportEntry.for_item(plugin, reason))
            continue
        where = plugin.marketplace_dir
        if where is None or not (where / ".claude-plugin" / "marketplace.json").is_file():
            reason = (
                f"Claude Code has no local copy of the marketplace {plugin.marketplace!r} "
                f"(~/.claude/plugins/known_marketplaces.json) for {HARNESS} to read"
            )
            report.append(ReportEntry.for_item(plugin, reason))
            continue
        if plugin.marketplace not in registered:
            registered.add(plugin.marketplace)
            outputs.append(
                JsonEntry.for_item(
                    plugin,
                    path=settings,
                    root=place.root,
                    key=("extraKnownMarketplaces", plugin.marketplace),
                    value={"source": {"source": "directory", "path": str(where)}},
                )
            )
        outputs.append(
            JsonEntry.for_item(
                plugin, path=settings, root=place.root, key=("enabledPlugins", plugin.name), value=True
            )
        )
    return outputs, report
