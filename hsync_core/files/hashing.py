"""SHA-256 digests of what hsync writes: bytes, entry values, directory trees."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any


def digest_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def digest_value(value: Any) -> str:
    """Digest of a TOML/JSON value, independent of formatting and key order."""
    canonical = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def digest_tree(directory: Path, *, skip: frozenset[str] = frozenset()) -> str:
    """Digest of every file's relative path and bytes below ``directory`` (links not followed)."""
    sha = hashlib.sha256()
    for dirpath, dirnames, filenames in os.walk(directory):
        dirnames.sort()
        rel = Path(dirpath).relative_to(directory)
        for name in sorted(filenames):
            if name in skip:
                continue
            path = Path(dirpath, name)
            sha.update((rel / name).as_posix().encode("utf-8") + b"\0")
            try:
                if path.is_symlink():
                    sha.update(b"link:" + os.readlink(path).encode("utf-8"))
                elif not path.is_file():  # a FIFO or device: never opened (reading could block)
                    sha.update(b"special")
                else:
                    sha.update(path.read_bytes())
            except OSError:
                sha.update(b"<unreadable>")
            sha.update(b"\0")
    return sha.hexdigest()
