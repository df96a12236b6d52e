"""Backups of hand-edited outputs before hsync overwrites or removes them
(``$HSYNC_HOME/backups/<stamp>/<absolute path>``)."""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

from ..models import Change
from .results import CHANGING


def back_up(changes: Iterable[Change], hsync_home: Path, stamp: str) -> None:
    """Copy every drifted output about to be overwritten or removed to ``backups/<stamp>/``."""
    for change in changes:
        if not change.drift or change.action not in CHANGING or not change.path.exists():
            continue
        rel = Path(*change.path.resolve().parts[1:])
        target = hsync_home / "backups" / stamp / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if change.path.is_dir() and not change.path.is_symlink():
            shutil.copytree(change.path, target, symlinks=True, dirs_exist_ok=True)
        else:
            shutil.copy2(change.path, target, follow_symlinks=False)
