"""``Context``: what every hook gets (where things are, the config, how the run was asked for),
and ``sources_digest``, the fingerprint of a read recorded per target and scope.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from attrs import field, frozen

from .items import Item

if TYPE_CHECKING:
    from ..config import Config


class GitIndex:
    """Answers "does git track this file?" with one ``git ls-files`` per repository, on demand."""

    def __init__(self) -> None:
        self._tracked: dict[Path, frozenset[str] | None] = {}

    def _repo_files(self, directory: Path) -> tuple[Path, frozenset[str]] | None:
        import subprocess

        try:
            top = subprocess.run(
                ["git", "-C", str(directory), "rev-parse", "--show-toplevel"],
                capture_output=True,
                text=True,
                timeout=10,
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            return None
        if top.returncode != 0:
            return None
        root = Path(top.stdout.strip())
        if root not in self._tracked:
            listing = subprocess.run(
                ["git", "-C", str(root), "ls-files", "-z"], capture_output=True, timeout=30, check=False
            )
            self._tracked[root] = (
                frozenset(os.fsdecode(p) for p in listing.stdout.split(b"\0") if p)
                if listing.returncode == 0
                else None
            )
        files = self._tracked[root]
        return (root, files) if files is not None else None

    def is_tracked(self, path: Path) -> bool:
        found = self._repo_files(path.parent if path.parent.is_dir() else path.parent.parent)
        if not found:
            return False
        root, files = found
        try:
            rel = path.resolve().relative_to(root.resolve())
        except ValueError:
            return False
        return rel.as_posix() in files


@frozen(kw_only=True)
class Context:
    """What every hook gets: where things are, the config, and how this run was asked for.

    Frozen; hooks must not change it. ``environ`` is a read-only copy of the environment of the
    run (adapters read ``CODEX_HOME``, ``XDG_CONFIG_HOME`` from it, never from ``os.environ``).
    """

    home: Path
    hsync_home: Path
    project: Path | None
    config: Config
    environ: Mapping[str, str] = field(factory=dict, converter=lambda m: MappingProxyType(dict(m)))
    dry_run: bool = False
    force: bool = False
    scope: str = "all"
    trigger: str = "cli"
    git: GitIndex = field(factory=GitIndex, eq=False, repr=False)
    #: the run's batch of writes (set by the engine for ``write_target``; None otherwise)
    transaction: Any = field(default=None, eq=False, repr=False)

    def env_dir(self, name: str, default: Path) -> Path:
        """The directory named by environment variable ``name``, else ``default``."""
        value = self.environ.get(name)
        return Path(value).expanduser() if value else default

    @property
    def xdg_config_home(self) -> Path:
        return self.env_dir("XDG_CONFIG_HOME", self.home / ".config")

    def is_tracked(self, path: Path) -> bool:
        """True when git tracks ``path`` (local-scope items must not go into tracked files)."""
        return self.git.is_tracked(path)

    def wants_level(self, level: str) -> bool:
        return self.scope == "all" or self.scope == level


def sources_digest(items: Iterable[Item]) -> str:
    """A digest of the items a sync read, recorded per target and scope: when it differs from
    today's, the sources changed since that sync."""
    import hashlib

    sha = hashlib.sha256()
    for line in sorted(item.digest_line() if isinstance(item, Item) else repr(item) for item in items):
        sha.update(line.encode("utf-8", "surrogateescape") + b"\n")
    return sha.hexdigest()
