"""hsync: configure Claude Code once, use it in every coding harness.

``hookimpl`` is the marker adapters use; the models are in :mod:`hsync_core.models`. Names are
imported on first use so that ``hsync --help`` starts fast.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

_LAZY = {
    "hookimpl": "hsync_core.hookspecs",
    "hookspec": "hsync_core.hookspecs",
    "make_plugin_manager": "hsync_core.plugins",
    "HsyncError": "hsync_core.errors",
    "InvalidInput": "hsync_core.errors",
}
_MODELS = [
    "Item",
    "Rule",
    "Skill",
    "Agent",
    "Command",
    "McpServer",
    "Settings",
    "Hooks",
    "Permissions",
    "ReportEntry",
    "Sources",
    "Output",
    "FileOutput",
    "Entry",
    "LinkOutput",
    "TomlEntry",
    "JsonEntry",
    "MarkdownBlock",
    "Rendered",
    "TargetInfo",
    "Context",
    "Drift",
    "TargetPlan",
    "Change",
]
_LAZY.update(dict.fromkeys(_MODELS, "hsync_core.models"))

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'hsync_core' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
