"""``$HSYNC_HOME/kept.json``: hand edits the user chose to keep (``hsync drift --keep``).

Each decision is keyed by output id and remembers the hash of the hand-edited output and the
hash hsync wanted to write at the time. ``hsync drift`` stops listing the output while both are
unchanged; when the source changes (hsync wants to write something else) or the file is edited
again, the drift is listed again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .jsondoc import JsonDocument
from .state import now_iso


def _empty() -> dict[str, Any]:
    return {"version": 1, "kept": {}}


class KeptDrift:
    def __init__(self, hsync_home: Path):
        self.doc = JsonDocument(hsync_home / "kept.json", default=_empty, keep_corrupt=True)

    def is_kept(self, output_id: str, current: str | None, desired: str | None) -> bool:
        found = self.doc.read()["kept"].get(output_id)
        return isinstance(found, dict) and found.get("current") == current and found.get("desired") == desired

    def kept_as(self, output_id: str, current: str | None) -> bool:
        """True when the user kept exactly this hand edit (whatever hsync would write now: for
        views that do not render, such as ``hsync status`` and the daemon's drift check)."""
        found = self.doc.read()["kept"].get(output_id)
        return isinstance(found, dict) and found.get("current") == current

    def keep(self, output_id: str, target: str, current: str | None, desired: str | None) -> None:
        with self.doc.update() as data:
            data["kept"][output_id] = {
                "target": target,
                "current": current,
                "desired": desired,
                "time": now_iso(),
            }

    def forget(self, output_id: str) -> None:
        with self.doc.update() as data:
            data["kept"].pop(output_id, None)
