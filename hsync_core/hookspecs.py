"""The hook specifications: the contract between the hsync core and every adapter.

An adapter is a Python module (or object) with functions marked ``@hsync_core.hookimpl`` whose
names match the specs below. It is found through the entry-point group ``hsync``; the entry-point
name is the target name::

    [project.entry-points.hsync]
    codex = "hsync_codex"

Implementations may accept fewer arguments than a spec lists (pluggy passes only what they name),
so adding an argument to a spec later does not break an adapter. Every argument is passed by
keyword. No hook may change its arguments: models are frozen, and ``ctx`` is shared by all.

Order of a run::

    register_targets            once, when the plugin manager is built (for ``hsync targets``)
    read_sources(ctx)           once per run, on every plugin; the core's Claude Code reader is one
    render_inputs(...)          per enabled target, on every plugin: what else its render reads
    render_target(...)          per enabled target; only that target's adapter answers
                                (skipped on a no-op run: see ``render_inputs``)
    on_drift(...)               per drifted output
    write_target(...)           per target, unless --dry-run / diff / check
    read_target(target, ctx)    only for ``hsync drift`` / ``hsync adopt``: the harness's files
                                read back into items
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from .models import Context, Drift, HarnessEntry, Item, Rendered, Sources, TargetInfo, TargetPlan

#: the project name pluggy uses for both markers
PROJECT = "hsync"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def register_targets() -> Iterable[TargetInfo] | None:
    """Describe the targets this plugin renders for.

    Called once when the plugin manager is built, with no arguments. Return one
    :class:`~hsync_core.models.TargetInfo` per target (usually one, named like the entry point):
    its ``name``, a one-line ``description``, the ``kinds`` it can write and ``locations`` (a
    label → path map shown by ``hsync targets``). ``reads_natively`` lists, as
    :class:`~hsync_core.models.NativeSource` rows, what the harness already reads from a Claude
    Code setup by itself: the core takes those items out before ``render_target`` and reports them
    as read natively (in sync), so nothing reaches the harness twice. Plugins that only read
    sources return None.

    Two plugins returning the same target name is an error the core reports by naming both
    packages; neither is used until the user uninstalls or disables one
    (``HSYNC_DISABLE_PLUGINS``). Must not touch the disk.
    """


@hookspec
def read_sources(ctx: Context) -> Iterable[Item] | None:
    """Contribute items to the source.

    Called once per run on every plugin, before rendering. ``ctx.home`` and ``ctx.project``
    say where to read from. Return an iterable of :class:`~hsync_core.models.Item` subclasses
    (``Rule``, ``Skill``, ``Agent``, ``Command``, ``McpServer``, ``Settings``, ``Hooks``), or None
    to contribute nothing. The core's built-in Claude Code reader is an implementation of this
    hook.

    May read files; must not write any. Raise :class:`hsync_core.errors.InvalidInput` (naming
    the file and, where known, the line) when a whole source file is malformed: the run stops
    with exit 2 and nothing is written. A single broken item (one skill's front matter, a name
    with ``..`` or ``/``) is not an error: skip it and yield a
    :class:`~hsync_core.models.ReportEntry` with ``action="skipped"`` and the reason instead;
    report entries yielded here are shown for every target.
    """


@hookspec
def render_target(target: str, sources: Sources, ctx: Context) -> Rendered | None:
    """Render the outputs ``target`` wants from ``sources``.

    Called once per enabled target on every plugin; return None unless ``target`` is yours.
    ``sources`` holds only the kinds the config lets this target receive (denials were already
    logged) and only the levels (``user``/``project``) this run syncs (``ctx.scope``); items the
    target declared its harness reads natively are in ``sources.native``, not in ``items``
    (already reported: write nothing for them, but they may inform a warning).

    Return a :class:`~hsync_core.models.Rendered`: the outputs (``FileOutput``, ``LinkOutput``,
    ``TomlEntry``, ``JsonEntry``, ``MarkdownBlock``; absolute paths inside their ``root``) and a
    report of every item or field that could not be translated, with the reason
    (``ReportEntry.for_item``; ``action="skipped"`` for what was not written, ``"warning"`` for
    what was written with a loss, ``ReportEntry.read_natively`` for what the harness reads by
    itself when a ``NativeSource`` row cannot express the rule).

    Must be pure: no writes, no clock, no secrets from the environment (keep ``${VAR}`` as a
    reference the harness understands, or skip the item with a reason). Reading the disk to
    decide where something goes (does ``src/web`` exist? is a file tracked by git?) is allowed.
    The same sources must give the same bytes. For instruction Markdown use
    :func:`hsync_core.render_instructions`, so that two adapters writing the same
    ``AGENTS.md`` agree byte for byte.
    """


#: return this from ``render_inputs`` to have ``target`` rendered on every run (no render cache)
RENDER_ALWAYS = "hsync:render-always"


@hookspec
def render_inputs(target: str, ctx: Context) -> Iterable[object] | None:
    """Declare what ``target``'s render reads besides its items, so that a no-op run can skip it.

    Called per enabled target on every plugin, before ``render_target`` and again after the
    run's writes; return None unless ``target`` is yours (or you add to it). hsync remembers,
    per target and scope, a key made of the items the target receives, the adapter's package and
    version, hsync's version, the config, the run's levels, the environment variables named
    ``HOME``, ``*_HOME`` and ``XDG_*``, and what this hook returns. When the key is unchanged
    for every target and every file the targets own still matches state on disk (its
    ``[mtime_ns, size, ctime_ns, inode]``), the run renders, plans and writes nothing.

    Return an iterable of values: a :class:`~pathlib.Path` stands for what is at that path
    (missing, a directory, a link, or a file and its content), anything else for its ``repr``.
    List every file or directory your render reads or tests (the harness's own config file, an
    ``AGENTS.md`` another tool may write, which of ``kilo.jsonc``/``kilo.json`` exists). An
    adapter that does not implement this hook is cached on its items, version and config alone:
    right when its render reads nothing from disk. Return ``[RENDER_ALWAYS]`` to opt out and be
    rendered on every run (a changed adapter version always renders again). Must not write.
    """


@hookspec
def on_drift(target: str, drift: Drift, ctx: Context) -> str | None:
    """Decide what to do with an owned output someone edited by hand.

    Called for each drifted output of ``target``, on every plugin (notifiers may only observe).
    Return ``"keep"`` (leave the file, report a conflict), ``"overwrite"`` (back it up under
    ``$HSYNC_HOME/backups/`` and write) or None to leave the decision to the configured policy
    (``on_drift`` in config, ``--force``). When several plugins answer, ``keep`` wins. Must not
    touch the drifted file.
    """


@hookspec(firstresult=True)
def write_target(target: str, plan: TargetPlan, ctx: Context) -> Iterable[str] | None:
    """Apply ``plan`` for ``target``; return the ids of the outputs written.

    Called per target, not in a dry run, after drift decisions. The core's writer implements
    this hook (``trylast``) and is right for almost every adapter: it stages ``plan.writes`` into
    the run's batch, which is then written atomically and durably (temp files in the same
    directory, one flush for the batch, ``os.replace``, directories flushed). Return None to let
    the next implementation (eventually the core's) handle it; the first non-None answer wins.
    An adapter that overrides it must itself keep every write atomic and stay inside each
    output's ``root``.
    """


@hookspec
def read_target(target: str, ctx: Context) -> Iterable[HarnessEntry] | None:
    """Read ``target``'s harness files back into Claude Code items: the inverse of rendering.

    Called by ``hsync drift`` and ``hsync adopt`` (never by a sync) on every plugin; return None
    unless ``target`` is yours. Return one :class:`~hsync_core.models.HarnessEntry` per thing
    found in the files hsync shares with the harness, at both levels (the harness's user files
    and, when ``ctx.project`` is set, the project's): every MCP server entry (hsync's and the
    user's alike, e.g. ``mcp_servers.*`` of ``config.toml`` as :class:`McpServer` items) and the
    managed instructions block (:func:`hsync_core.read_instruction_block`, a :class:`Rule`).
    ``path`` / ``key`` / ``style`` must name the place the way the matching output would, so the
    core can tell hsync's entries from hand-added ones; ``item.level`` says which Claude Code file
    the item belongs in; the item's name is the harness's name for it.

    Translate the harness's forms back to Claude Code's: a variable the harness reads from its
    environment becomes ``${VAR}``. Leave literal values literal (a token included): the core
    replaces credentials with ``${VAR}`` references before it writes a Claude Code file. List
    the kinds you read back in ``TargetInfo.reads_back``; a target that reads nothing back offers
    keep / overwrite only. Must not write. An unreadable or malformed file is skipped (a sync
    reports it); raise nothing for it.
    """
