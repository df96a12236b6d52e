"""The naming policy: which item names can become file or directory names in a harness.

Used by the readers (a name with ``..`` or ``/`` is not an item) and by every adapter (a name a
harness cannot take is renamed or skipped the same way everywhere).
"""

from __future__ import annotations

import unicodedata

#: the longest item name hsync writes a file for: file names end at 255 bytes, and adapters add
#: prefixes and suffixes
MAX_NAME_BYTES = 100


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
    if any(unicodedata.category(ch) == "Cc" for ch in name):
        return f"the name {name!r} contains a control character"
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        return f"the name is longer than {MAX_NAME_BYTES} bytes ({name[:40]!r}…)"
    return None
