"""After a killed run: take ownership of what it wrote, and remove its temp files.

Reads the journal a run leaves until its state is saved (:mod:`hsync_core.store.journal`). Every
output listed there that is on disk exactly as the killed run wrote it becomes owned in state
(not "adopted": hsync created it, so hsync removes it when its source goes). Every folder the
killed run staged into loses its stale ``.hsync-tmp-*`` files, and so does ``$HSYNC_HOME`` (a
run killed while replacing ``state.json`` or the journal leaves one there, journal or not). Runs
under the run lock.
"""

from __future__ import annotations

from pathlib import Path

from ..files.atomicio import clean_stale_temps
from ..planning.disk import DiskFile, parse_key
from ..store.journal import Journal
from ..store.state import OwnedOutput, State


def recover(state: State, hsync_home: Path, *, clean: bool = True) -> list[str]:
    """Fold a killed run's journal into ``state``; return the ids taken over. ``clean``: also
    remove its temp files (not in a dry run, which writes nothing)."""
    if clean:  # hsync's own documents (state, the journal) a killed run was replacing
        clean_stale_temps(hsync_home)
    journal = Journal(hsync_home)
    doc = journal.read() if clean else journal.peek()
    if doc is None:
        return []
    for directory in doc.get("directories") or () if clean else ():
        if isinstance(directory, str):
            clean_stale_temps(Path(directory))
    taken: list[str] = []
    for entry in doc.get("outputs") or ():
        try:
            path = Path(entry["path"])
            owned = state.target(entry["scope"], entry["target"]).outputs
            record = owned.get(entry["id"])
            if record is not None and record.hash == entry["hash"]:
                continue
            disk = DiskFile(path, entry["style"])
            if disk.error or disk.current_hash(parse_key(entry["id"])) != entry["hash"]:
                continue
            owned[entry["id"]] = OwnedOutput(
                hash=entry["hash"],
                style=entry["style"],
                kind=entry["kind"],
                item=entry["item"],
                path=entry["path"],
                created_parents=int(entry.get("created_parents") or 0),
                adopted=False,
            )
            taken.append(entry["id"])
        except (KeyError, TypeError, ValueError):
            continue
    return taken
