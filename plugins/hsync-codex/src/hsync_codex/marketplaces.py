"""Claude Code plugins (kind ``plugins``, opt-in) → Codex's own plugin install.

Codex 0.171 installs Claude Code plugins from a folder holding ``.claude-plugin/marketplace.json``.
``codex plugin marketplace add DIR`` writes only ``[marketplaces.<name>] source_type = "local"``,
``source = "DIR"`` into ``$CODEX_HOME/config.toml``; ``codex plugin add <plugin>@<name>`` then
copies the plugin into ``$CODEX_HOME/plugins/cache`` and writes ``[plugins."<plugin>@<name>"]
enabled = true``. hsync writes the two tables (the marketplace folder is the one Claude Code has:
a directory marketplace's own folder, or Claude Code's clone of a git one, so nothing is fetched)
and says, per plugin, that ``codex plugin add`` installs it: without that copy Codex lists the
plugin as "not installed" (checked with ``codex plugin list`` and ``skills/list``). The plugin's
skills, and its commands (as skills), come with it; its hooks run once trusted in ``/hooks``.
Codex keeps marketplaces in the user's config only: a plugin installed for one project is reported.
"""

from __future__ import annotations

from hsync_core import Output, Plugin, ReportEntry, TomlEntry

from .paths import Place


def render_marketplaces(plugins: list[Plugin], place: Place) -> tuple[list[Output], list[ReportEntry]]:
    outputs: list[Output] = []
    report: list[ReportEntry] = []
    registered: set[str] = set()
    for plugin in sorted(plugins, key=lambda p: p.name):
        if place.level != "user":
            report.append(
                ReportEntry.for_item(
                    plugin,
                    "Codex registers plugin marketplaces in $CODEX_HOME/config.toml only, for every project",
                )
            )
            continue
        where = plugin.marketplace_dir
        if where is None or not (where / ".claude-plugin" / "marketplace.json").is_file():
            reason = (
                f"Claude Code has no local copy of the marketplace {plugin.marketplace!r} "
                "(~/.claude/plugins/known_marketplaces.json) for Codex to read"
            )
            report.append(ReportEntry.for_item(plugin, reason))
            continue
        if plugin.marketplace not in registered:
            registered.add(plugin.marketplace)
            outputs.append(
                TomlEntry.for_item(
                    plugin,
                    path=place.config,
                    root=place.root,
                    key=("marketplaces", plugin.marketplace),
                    value={"source_type": "local", "source": str(where)},
                )
            )
        outputs.append(
            TomlEntry.for_item(
                plugin,
                path=place.config,
                root=place.root,
                key=("plugins", plugin.name),
                value={"enabled": True},
            )
        )
        report.append(
            ReportEntry.for_item(
                plugin,
                f"run `codex plugin add {plugin.name}` once: Codex loads a plugin from its own copy, which "
                f"that makes (hsync registered the marketplace {plugin.marketplace} and enabled the plugin)",
                action="warning",
            )
        )
        if "hooks" in plugin.parts:
            report.append(
                ReportEntry.for_item(
                    plugin,
                    "its hooks run only after you trust them in Codex's /hooks",
                    action="warning",
                    field="hooks",
                )
            )
    return outputs, report
