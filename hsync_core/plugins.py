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
from typing import Any

import pluggy
from attrs import evolve, frozen

from . import hookspecs
from .entrypoints import dependency_only_targets, installed
from .errors import PluginError
from .models import TargetInfo

#: plugins of the core itself, registered through the same hooks third parties use
DEFAULT_PLUGINS: tuple[str, ...] = ("hsync_core.sources.reader", "hsync_core.writing.writer")


@frozen
class LoadProblem:
    """An entry point that could not be loaded, or a target claimed twice."""

    name: str
    package: str | None
    error: str


class Plugins:
    """The plugin manager plus what was learnt while loading it.

    ``targets`` maps each target name to its :class:`TargetInfo`; the package and version of
    an adapter are read from its distribution's metadata only when ``targets`` is first used
    (a sync needs only ``target_names``, and metadata parsing costs start-up time).
    """

    def __init__(self, pm: pluggy.PluginManager):
        self.pm = pm
        self.hook = pm.hook
        self.problems: list[LoadProblem] = []
        self._infos: dict[str, list[tuple[TargetInfo, str]]] = {}  # name -> [(info, plugin name)]
        self._sources: dict[str, Any] = {}  # plugin name -> entry point, or (package, version)
        self._targets: dict[str, TargetInfo] | None = None
        self._dependency_only: dict[str, str] | None = None
        self._packages: dict[str, tuple[str | None, str | None]] = {}

    # -- targets -------------------------------------------------------------------------------
    def _collect_targets(self) -> None:
        for impl in self.pm.hook.register_targets.get_hookimpls():
            try:
                infos = list(impl.function() or ())
            except Exception as exc:  # an adapter's bug must not break hsync
                self.problems.append(
                    LoadProblem(impl.plugin_name, self.package_of(impl.plugin_name)[0], repr(exc))
                )
                continue
            for info in infos:
                self._infos.setdefault(info.name, []).append((info, impl.plugin_name))
        for name, owners in self.conflicts().items():
            self.problems.append(
                LoadProblem(name, None, f"target '{name}' is claimed by {' and '.join(owners)}")
            )

    def package_of(self, plugin_name: str) -> tuple[str | None, str | None]:
        """The package and version a plugin came from, read from its distribution's metadata
        once per plugin manager (the code it loaded does not change while it lives)."""
        found = self._packages.get(plugin_name)
        if found is None:
            source = self._sources.get(plugin_name)
            if source is None:
                found = (plugin_name, None)
            elif isinstance(source, tuple):
                found = source
            else:
                dist = source.dist
                found = (dist.name, dist.version) if dist is not None else (plugin_name, None)
            self._packages[plugin_name] = found
        return found

    @property
    def dependency_only(self) -> dict[str, str]:
        """Targets whose adapter was installed only because another adapter needs it (target →
        the package that needs it); they stay off unless the config names them. See
        :func:`dependency_only_targets`."""
        if self._dependency_only is None:
            eps = {}
            for target, claims in self._infos.items():
                source = self._sources.get(claims[0][1])
                if source is not None and not isinstance(source, tuple):
                    eps[target] = source
            self._dependency_only = dependency_only_targets(eps)
        return self._dependency_only

    def origin_of(self, target: str) -> str | None:
        """Where ``target``'s adapter came from: ``editable <path>``, ``local <path>``, a VCS URL,
        ``index`` (a package index), ``built-in`` or None when unknown."""
        claims = self._infos.get(target)
        source = self._sources.get(claims[0][1]) if claims else None
        if source is None or isinstance(source, tuple):
            return "built-in" if source is not None else None
        if source.dist is None:
            return None
        return _origin(source.dist)

    def adapter_version(self, target: str) -> tuple[str | None, str | None]:
        """The package and version of the adapter that claims ``target`` (``(None, None)`` when
        nothing does). Reads only the one distribution's metadata, not every adapter's."""
        claims = self._infos.get(target)
        return self.package_of(claims[0][1]) if claims else (None, None)

    def declared(self, target: str) -> TargetInfo | None:
        """What the adapter of ``target`` declared (no distribution metadata is read)."""
        claims = self._infos.get(target)
        return claims[0][0] if claims else None

    @property
    def target_names(self) -> list[str]:
        return list(self._infos)

    @property
    def targets(self) -> dict[str, TargetInfo]:
        if self._targets is None:
            self._targets = {}
            for name, claims in self._infos.items():
                info, plugin_name = claims[0]
                package, version = self.package_of(plugin_name)
                self._targets[name] = evolve(
                    info, package=info.package or package, version=info.version or version
                )
        return self._targets

    def conflicts(self) -> dict[str, list[str]]:
        return {
            name: [info.package or self.package_of(plugin)[0] or plugin for info, plugin in claims]
            for name, claims in self._infos.items()
            if len(claims) > 1
        }

    def check_conflicts(self, names: Iterable[str]) -> None:
        """Raise :class:`PluginError` when any of ``names`` is claimed by two adapters."""
        if not any(len(claims) > 1 for claims in self._infos.values()):
            return
        clashes = self.conflicts()
        for name in names:
            if name in clashes:
                raise PluginError(
                    f"target '{name}' is claimed by {' and '.join(clashes[name])}; "
                    "uninstall one or set HSYNC_DISABLE_PLUGINS"
                )


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
    result = Plugins(pm)
    for module_name in DEFAULT_PLUGINS:
        pm.register(importlib.import_module(module_name), name=module_name)
        result._sources[module_name] = ("hsync-core", _core_version())
    if load_entrypoints:
        for ep in installed(environ):
            try:
                plugin = ep.load()
                name = ep.name if pm.get_plugin(ep.name) is None else f"{ep.name}@{ep.value}"
                pm.register(plugin, name=name)
            except Exception as exc:  # one broken adapter is reported, never fatal
                dist = ep.dist.name if ep.dist else None
                result.problems.append(LoadProblem(ep.name, dist, f"{type(exc).__name__}: {exc}"))
                continue
            result._sources[pm.get_name(plugin)] = ep
    for plugin in plugins:
        name = getattr(plugin, "__name__", None) or repr(plugin)
        pm.register(plugin, name=name)
        result._sources[name] = (name, None)
    pm.check_pending()
    result._collect_targets()
    if environ.get("HSYNC_TRACE_PLUGINS") == "1":
        _trace(pm)
    return result


def _origin(dist: Any) -> str:
    """From PEP 610's ``direct_url.json``: how a distribution was installed."""
    import json
    from urllib.parse import unquote, urlparse

    try:
        direct = json.loads(dist.read_text("direct_url.json") or "null")
    except ValueError:
        direct = None
    if not isinstance(direct, dict) or not isinstance(direct.get("url"), str):
        return "index"
    url = direct["url"]
    if "vcs_info" in direct:
        return url
    path = unquote(urlparse(url).path) if url.startswith("file:") else url
    editable = (direct.get("dir_info") or {}).get("editable")
    return f"{'editable' if editable else 'local'} {path}"


def _core_version() -> str:
    from . import __version__

    return __version__
