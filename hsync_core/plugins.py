"""Build the plugin manager: built-in plugins, then adapters found through entry points.

Each entry point is loaded in its own ``try``: one broken adapter is reported (``hsync
targets``) and breaks nothing else. Environment switches:

- ``HSYNC_LOAD_PLUGINS``: comma-separated allow-list of entry-point or distribution names;
  set but empty loads no adapter at all.
- ``HSYNC_DISABLE_PLUGINS``: comma-separated names never to load.
- ``HSYNC_TRACE_PLUGINS=1``: print every hook call and its result on stderr.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Iterable, Mapping
from importlib.metadata import entry_points
from typing import Any

import pluggy
from attrs import evolve, frozen

from . import hookspecs
from .errors import PluginError
from .models import TargetInfo

ENTRY_POINT_GROUP = "hsync"
#: plugins of the core itself, registered through the same hooks third parties use
DEFAULT_PLUGINS: tuple[str, ...] = ("hsync_core.sources.claude", "hsync_core.writer")


@frozen
class LoadProblem:
    """An entry point that could not be loaded, or a target claimed twice."""

    name: str
    package: str | None
    error: str


class Plugins:
    """The plugin manager plus what was learnt while loading it."""

    def __init__(self, pm: pluggy.PluginManager):
        self.pm = pm
        self.hook = pm.hook
        self.targets: dict[str, TargetInfo] = {}
        self.problems: list[LoadProblem] = []
        self._owners: dict[str, list[str]] = {}

    # -- targets -------------------------------------------------------------------------------
    def _collect_targets(self, packages: Mapping[str, tuple[str | None, str | None]]) -> None:
        for impl in self.pm.hook.register_targets.get_hookimpls():
            try:
                infos = impl.function() or ()
                infos = list(infos)
            except Exception as exc:  # an adapter's bug must not break hsync
                self.problems.append(
                    LoadProblem(impl.plugin_name, packages.get(impl.plugin_name, (None, None))[0], repr(exc))
                )
                continue
            package, version = packages.get(impl.plugin_name, (impl.plugin_name, None))
            for info in infos:
                info = evolve(info, package=info.package or package, version=info.version or version)
                self._owners.setdefault(info.name, []).append(info.package or impl.plugin_name)
                self.targets.setdefault(info.name, info)
        for name, owners in self._owners.items():
            if len(owners) > 1:
                self.problems.append(
                    LoadProblem(name, None, f"target '{name}' is claimed by {' and '.join(owners)}")
                )

    def conflicts(self) -> dict[str, list[str]]:
        return {name: owners for name, owners in self._owners.items() if len(owners) > 1}

    def check_conflicts(self, names: Iterable[str]) -> None:
        """Raise :class:`PluginError` when any of ``names`` is claimed by two adapters."""
        clashes = self.conflicts()
        for name in names:
            if name in clashes:
                raise PluginError(
                    f"target '{name}' is claimed by {' and '.join(clashes[name])}; "
                    "uninstall one or set HSYNC_DISABLE_PLUGINS"
                )


def _names(value: str | None) -> set[str]:
    return {part.strip() for part in (value or "").split(",") if part.strip()}


def _trace(pm: pluggy.PluginManager) -> None:
    def before(hook_name: str, hook_impls: list[Any], kwargs: Mapping[str, Any]) -> None:
        names = ", ".join(impl.plugin_name for impl in hook_impls)
        print(f"hsync trace: {hook_name}({', '.join(sorted(kwargs))}) -> [{names}]", file=sys.stderr)

    def after(outcome: Any, hook_name: str, hook_impls: list[Any], kwargs: Mapping[str, Any]) -> None:
        try:
            result = outcome.get_result()
        except BaseException as exc:  # report and let pluggy re-raise
            print(f"hsync trace: {hook_name} raised {exc!r}", file=sys.stderr)
            return
        shown = repr(result)
        print(f"hsync trace: {hook_name} returned {shown[:200]}", file=sys.stderr)

    pm.add_hookcall_monitoring(before, after)


def make_plugin_manager(
    *,
    load_entrypoints: bool = True,
    plugins: Iterable[Any] = (),
    environ: Mapping[str, str] | None = None,
) -> Plugins:
    """Return a fresh :class:`Plugins` (a new pluggy manager each call; none exists at import).

    ``plugins`` are extra plugin objects or modules to register (tests use this for fake
    adapters); ``load_entrypoints=False`` loads no installed adapter.
    """
    environ = os.environ if environ is None else environ
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    packages: dict[str, tuple[str | None, str | None]] = {}
    for module_name in DEFAULT_PLUGINS:
        pm.register(importlib.import_module(module_name), name=module_name)
        packages[module_name] = ("hsync-core", _core_version())
    result = Plugins(pm)
    if load_entrypoints:
        allow = _names(environ.get("HSYNC_LOAD_PLUGINS")) if "HSYNC_LOAD_PLUGINS" in environ else None
        deny = _names(environ.get("HSYNC_DISABLE_PLUGINS"))
        for ep in entry_points(group=ENTRY_POINT_GROUP):
            dist = ep.dist.name if ep.dist else None
            version = ep.dist.version if ep.dist else None
            names = {ep.name, dist} - {None}
            if (allow is not None and not names & allow) or names & deny:
                continue
            try:
                plugin = ep.load()
                pm.register(plugin, name=ep.name if pm.get_plugin(ep.name) is None else f"{ep.name}@{dist}")
            except Exception as exc:  # one broken adapter is reported, never fatal
                result.problems.append(LoadProblem(ep.name, dist, f"{type(exc).__name__}: {exc}"))
                continue
            packages[pm.get_name(plugin)] = (dist, version)
    for plugin in plugins:
        name = getattr(plugin, "__name__", None) or repr(plugin)
        pm.register(plugin, name=name)
        packages[name] = (name, None)
    pm.check_pending()
    result._collect_targets(packages)
    if environ.get("HSYNC_TRACE_PLUGINS") == "1":
        _trace(pm)
    return result


def _core_version() -> str:
    from . import __version__

    return __version__
