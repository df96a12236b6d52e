"""The data that flows through the pipeline: items read, outputs rendered, plans made.

One module per stage — :mod:`.items` (what the readers produce), :mod:`.outputs` (what adapters
return; :mod:`.native`, what a harness reads by itself), :mod:`.plans` (what planning decides), :mod:`.context` (what every hook gets) — all
importable from here. Every model is an attrs ``@frozen`` class; change one with ``attrs.evolve``.
"""

from __future__ import annotations

from ..kinds import ACTIONS, DEFAULT_KINDS, KINDS, LEVELS, SCOPES
from .context import Context, GitIndex, sources_digest
from .items import (
    ITEM_TYPES,
    Agent,
    Command,
    Hooks,
    Item,
    McpServer,
    Permissions,
    Plugin,
    ReportEntry,
    Rule,
    Settings,
    Skill,
    Sources,
)
from .native import NativeSource, in_project, project_relative
from .outputs import (
    Entry,
    FileOutput,
    JsonEntry,
    LinkOutput,
    MarkdownBlock,
    Output,
    Rendered,
    TargetInfo,
    TomlEntry,
    entry_key,
)
from .plans import Change, Drift, FileWrite, TargetPlan
from .readback import HarnessEntry

__all__ = [
    "ACTIONS",
    "DEFAULT_KINDS",
    "ITEM_TYPES",
    "KINDS",
    "LEVELS",
    "SCOPES",
    "Agent",
    "Change",
    "Command",
    "Context",
    "Drift",
    "Entry",
    "FileOutput",
    "FileWrite",
    "GitIndex",
    "HarnessEntry",
    "Hooks",
    "Item",
    "JsonEntry",
    "LinkOutput",
    "MarkdownBlock",
    "McpServer",
    "NativeSource",
    "Output",
    "Permissions",
    "Plugin",
    "Rendered",
    "ReportEntry",
    "Rule",
    "Settings",
    "Skill",
    "Sources",
    "TargetInfo",
    "TargetPlan",
    "TomlEntry",
    "entry_key",
    "in_project",
    "project_relative",
    "sources_digest",
]
