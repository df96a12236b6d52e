"""Which adapters are installed: the ``hsync`` entry points, the allow and deny lists of the
environment (``HSYNC_LOAD_PLUGINS``, ``HSYNC_DISABLE_PLUGINS``) and the adapters installed only
because another one requires them. The standard library only: the session-start hook asks
which targets are on without loading pluggy, the models or any adapter (:mod:`.plugins` loads
them).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from importlib.metadata import entry_points
from typing import Any

ENTRY_POINT_GROUP = "hsync"


def installed(environ: Mapping[str, str]) -> list[Any]:
    """The ``hsync`` entry points that the environment's allow and deny lists let through."""
    allow = names_in(environ.get("HSYNC_LOAD_PLUGINS")) if "HSYNC_LOAD_PLUGINS" in environ else None
    deny = names_in(environ.get("HSYNC_DISABLE_PLUGINS"))
    return [ep for ep in entry_points(group=ENTRY_POINT_GROUP) if wanted(ep, allow, deny)]


def names_in(value: str | None) -> set[str]:
    return {part.strip() for part in (value or "").split(",") if part.strip()}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def dependency_only_targets(eps: Mapping[str, Any]) -> dict[str, str]:
    """Of ``eps`` (target → entry point), the targets whose distribution another adapter's
    distribution requires and that nobody asked for, mapped to the package requiring it.

    ``pip install hsync-kilo`` also installs hsync-opencode, whose renderers Kilo builds on; the
    user asked for Kilo, not OpenCode. Installers mark what was asked for with a ``REQUESTED``
    file in the distribution's metadata (pip and pipx mark only what was named; uv marks every
    package, so under uv everything installed counts as asked for).
    """
    dists: dict[str, Any] = {}
    for ep in eps.values():
        if ep.dist is not None:
            dists.setdefault(_normal(ep.dist.name), ep.dist)
    needed_by: dict[str, str] = {}
    for name, dist in dists.items():
        for requirement in dist.requires or ():
            if "extra ==" in requirement:
                continue
            required = _normal(re.split(r"[\s;<>=!~\[(]", requirement, maxsplit=1)[0])
            if required in dists and required != name:
                needed_by.setdefault(required, dist.name)
    found = {}
    for target, ep in eps.items():
        name = _normal(ep.dist.name) if ep.dist is not None else None
        if name in needed_by and ep.dist.read_text("REQUESTED") is None:
            found[target] = needed_by[name]
    return found


def wanted(ep: Any, allow: set[str] | None, deny: set[str]) -> bool:
    """Apply the allow and deny lists to an entry point (by its name, else its distribution's)."""
    if allow is None and not deny:
        return True
    if ep.name in deny:
        return False
    if allow is not None and ep.name in allow and not deny:
        return True
    dist = ep.dist.name if ep.dist else None  # reads the distribution's metadata: only when needed
    names = {ep.name, dist} - {None}
    if names & deny:
        return False
    return allow is None or bool(names & allow)
