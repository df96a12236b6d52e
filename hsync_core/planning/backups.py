"""Backups of hand-edited outputs before hsync overwrites or removes them
(``$HSYNC_HOME/backups/<stamp>/<absolute path>``).

Each run that backs anything up gets its own folder, created exclusively: the stamp is the time
to the microsecond, with ``-2``, ``-3``… added if that name is taken, so two runs never share
one and no backup overwrites another. Backups may hold secrets: folders are owner-only.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterable
from pathlib import Path

from ..models import Change
from .results import CHANGING


def new_backup_dir(hsync_home: Path) -> Path:
    """A fresh, owner-only backup folder for one run."""
    root = hsync_home / "backups"
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(root, 0o700)
    now = time.time()
    stamp = time.strftime("%Y%m%dT%H%M%S", time.localtime(now)) + f".{int(now % 1 * 1e6):06d}"
    for n in range(1, 10_000):
        candidate = root / (stamp if n == 1 else f"{stamp}-{n}")
        try:
            candidate.mkdir(mode=0o700)
        except FileExistsError:
            continue
        return candidate
    raise FileExistsError(root / stamp)


def back_up(changes: Iterable[Change], directory: Path) -> None:
    """Copy every drifted output about to be overwritten or removed into ``directory``."""
    for change in changes:
        if not change.drift or change.action not in CHANGING or not change.path.exists():
            continue
        rel = Path(*change.path.resolve().parts[1:])
        target = directory / rel
        folder = directory
        for part in rel.parts[:-1]:  # every folder owner-only (mkdir's parents ignore ``mode``)
            folder = folder / part
            folder.mkdir(exist_ok=True, mode=0o700)
        if change.path.is_dir() and not change.path.is_symlink():
            shutil.copytree(change.path, target, symlinks=True, dirs_exist_ok=True)
        else:
            shutil.copy2(change.path, target, follow_symlinks=False)
            if not target.is_symlink():
                os.chmod(target, 0o600)
