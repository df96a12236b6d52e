"""The naming policy: which item names can become file or directory names in a harness.

Used by the readers (a name with ``..`` or ``/`` is not an item) and by every adapter (a name a
harness cannot take is renamed or skipped the same way everywhere).
"""

from __future__ import annotations


def unsafe_name_reason(name: str) -> str | None:
    """Why ``name`` cannot name a file or directory hsync writes, or None when it can."""
    if not name:
        return "the name is empty"
    if "\0" in name:
        return "the name contains a NUL byte"
    if "/" in name or "\\" in name:
        return f"the name {name!r} contains a path separator"
    if name in (".", "..") or ".." in name:
        return f"the name {name!r} contains '..'"
    if name.startswith("~"):
        return f"the name {name!r} starts with '~'"
    return None
