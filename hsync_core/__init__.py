"""hsync: configure Claude Code once, use it in every coding harness.

This module is the public contract for adapter authors; an adapter imports from here (and from
:mod:`hsync_core.hookspecs`, whose docstrings say when each hook runs and what it returns) and
from nothing else in ``hsync_core``; its tests use :mod:`hsync_core.testing`. Everything else is
the core's own and may move. Names are imported on first use so that ``hsync --help`` starts fast.

- the markers: ``hookimpl`` (and ``hookspec``);
- the models (:mod:`hsync_core.models`): items read (``Rule``, ``Skill``, ``Agent``, ``Command``,
  ``McpServer``, ``Settings``, ``Hooks``, ``Plugin``), ``Sources``, outputs (``FileOutput``, ``LinkOutput``,
  ``TomlEntry``, ``JsonEntry``, ``MarkdownBlock``), ``Rendered``, ``ReportEntry``, ``TargetInfo``,
  ``Context``, plans and ``Drift``; the vocabularies ``KINDS``, ``DEFAULT_KINDS``, ``LEVELS``;
- the shared rendering helpers: ``render_instructions`` (the managed block of ``AGENTS.md``,
  ``GEMINI.md`` …), ``unsafe_name_reason``, ``Names``, ``by_precedence``,
  ``describe_item``, ``fit_name``, ``renamed`` and ``name_taken`` (the naming policy: safe names,
  one "renamed 'old' -> 'new': why" line, Claude Code's precedence, collisions naming both sources), ``outside_code`` (rewrite
  placeholders only outside fenced and inline code), ``markdown_document`` (front matter and a
  body, written the same way by every adapter), ``display_origin`` (a source path for people) and
  ``command_skills`` (commands as skills, for harnesses without custom commands);
- the editors that keep a user's bytes: ``jsonc`` (parse JSON with comments: ``jsonc.parse``) and
  ``markdown`` (the managed block: ``markdown.put``, ``markdown.render``);
- ``Config``, ``make_plugin_manager`` and the errors (``HsyncError``, ``InvalidInput``);
- ``probe(path)``: tell the no-op memo that a render looked for a file it did not open.
"""

from __future__ import annotations

__version__ = "0.1.0"

_LAZY = {
    "hookimpl": "hsync_core.hookspecs",
    "hookspec": "hsync_core.hookspecs",
    "RENDER_ALWAYS": "hsync_core.hookspecs",
    "make_plugin_manager": "hsync_core.plugins",
    "HsyncError": "hsync_core.errors",
    "InvalidInput": "hsync_core.errors",
    "UsageError": "hsync_core.errors",
    "Config": "hsync_core.config",
    "render_instructions": "hsync_core.rendering.instructions",
    "unsafe_name_reason": "hsync_core.rendering.naming",
    "Names": "hsync_core.rendering.naming",
    "by_precedence": "hsync_core.rendering.naming",
    "describe_item": "hsync_core.rendering.naming",
    "fit_name": "hsync_core.rendering.naming",
    "unsupported_variable_reason": "hsync_core.rendering.variables",
    "description_of": "hsync_core.rendering.descriptions",
    "first_sentence": "hsync_core.rendering.descriptions",
    "SKILL_WITHOUT": "hsync_core.rendering.descriptions",
    "renamed": "hsync_core.rendering.naming",
    "name_taken": "hsync_core.rendering.naming",
    "outside_code": "hsync_core.rendering.placeholders",
    "placeholder_positions": "hsync_core.rendering.placeholders",
    "POSITIONAL": "hsync_core.rendering.placeholders",
    "markdown_document": "hsync_core.rendering.documents",
    "dump_front_matter": "hsync_core.rendering.documents",
    "display_origin": "hsync_core.rendering.documents",
    "read_instruction_block": "hsync_core.rendering.readback",
    "secret_variable": "hsync_core.rendering.readback",
    "looks_secret": "hsync_core.rendering.readback",
    "probe": "hsync_core.files.witness",
}
#: modules exported whole
_MODULES = {
    "jsonc": "hsync_core.files.jsonc",
    "markdown": "hsync_core.files.markdown",
    "command_skills": "hsync_core.rendering.command_skills",
}
_MODELS = [
    "KINDS",
    "DEFAULT_KINDS",
    "LEVELS",
    "SCOPES",
    "Item",
    "Rule",
    "Skill",
    "Agent",
    "Command",
    "McpServer",
    "Settings",
    "Hooks",
    "Permissions",
    "Plugin",
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
    "HarnessEntry",
    "TargetPlan",
    "Change",
    "entry_key",
    "NativeSource",
    "in_project",
    "project_relative",
]
_LAZY.update(dict.fromkeys(_MODELS, "hsync_core.models"))

__all__ = ["__version__", *_LAZY, *_MODULES]


def __getattr__(name: str) -> object:
    import importlib

    if name in _MODULES:
        value = importlib.import_module(_MODULES[name])
    else:
        module = _LAZY.get(name)
        if module is None:
            raise AttributeError(f"module 'hsync_core' has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
