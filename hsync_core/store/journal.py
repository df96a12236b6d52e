"""``$HSYNC_HOME/pending.json``: what a run is about to write, kept until its state is saved.

A sync killed between its renames and saving state would leave files hsync wrote that state does
not know (later found "adopted", so never removed with their source) and temp files in folders
the next run may not touch. The run writes this journal before its first rename and deletes it
after saving state; the next run reads a left-over journal, takes ownership of every listed
output that is on disk as the killed run wrote it, and cleans the listed folders' temp files.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

from ..files.atomicio import write_atomic


class Journal:
    def __init__(self, hsync_home: Path):
        self.path = hsync_home / "pending.json"

    def write(self, directories: list[str], outputs: list[dict[str, Any]]) -> None:
        doc = {"directories": sorted(directories), "outputs": outputs}
        write_atomic(self.path, json.dumps(doc, sort_keys=True).encode("utf-8") + b"\n", private=True)

    def read(self) -> dict[str, Any] | None:
        """The journal a killed run left (None: none, or unreadable — then it is dropped)."""
        try:
            doc = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            self.clear()
            return None
        if not isinstance(doc, dict):
            self.clear()
            return None
        return doc

    def peek(self) -> dict[str, Any] | None:
        """The journal, read without dropping an unreadable one (for dry runs)."""
        try:
            doc = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return doc if isinstance(doc, dict) else None

    def clear(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.path)
