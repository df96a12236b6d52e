"""Every ``hsync`` command: its module, the click object in it and its one-line help. The
group (:mod:`.app`) imports a command's module only when the command runs; the front door
(:mod:`.door`) reads the names without importing click."""

from __future__ import annotations

# name -> (module, attribute, one-line help); modules are imported only when a command runs
COMMANDS: dict[str, tuple[str, str, str]] = {
    "sync": ("hsync_core.cli.sync", "sync", "Render every target and apply the changes."),
    "diff": ("hsync_core.cli.sync", "diff", "Show what sync would change, as diffs."),
    "check": ("hsync_core.cli.sync", "check", "Exit 4 if any target is out of sync."),
    "status": ("hsync_core.cli.info", "status", "Last sync, result, changed sources and drift per target."),
    "drift": (
        "hsync_core.cli.drift",
        "drift",
        "Review hand edits and harness-side additions: keep, overwrite, adopt.",
    ),
    "adopt": (
        "hsync_core.cli.adopt",
        "adopt",
        "Bring a harness-side change back into the Claude Code source.",
    ),
    "log": ("hsync_core.cli.log", "log", "Query the audit log: what hsync did, when, and why."),
    "sources": ("hsync_core.cli.info", "sources", "Every item read from the Claude Code setup."),
    "targets": ("hsync_core.cli.info", "targets", "Installed adapters, where they came from, load errors."),
    "install": ("hsync_core.cli.adapters", "install", "Install adapter packages where hsync runs."),
    "uninstall": ("hsync_core.cli.adapters", "uninstall", "Uninstall adapter packages."),
    "new-adapter": ("hsync_core.cli.adapters", "new_adapter", "Create a new adapter package to start from."),
    "projects": ("hsync_core.cli.projects", "projects", "Register the projects the daemon keeps in sync."),
    "daemon": ("hsync_core.cli.daemon", "daemon", "Run, start, stop and install the background daemon."),
    "notifications": (
        "hsync_core.cli.notifications",
        "notifications",
        "What the daemon and hooks found: drift, conflicts, failures.",
    ),
    "monitor": (
        "hsync_core.cli.monitor",
        "monitor",
        "A live view of the daemon: projects, last syncs, notifications, activity.",
    ),
    "integrate": ("hsync_core.cli.integrate", "integrate", "Install the hsync plugin into Claude Code."),
    "hook": ("hsync_core.cli.hook", "hook", "Entry points for Claude Code's hooks (used by the plugin)."),
}
