"""``$HSYNC_HOME/state.json``: what hsync owns, the hashes it wrote, and when each target synced.

State is keyed by scope (``"user"`` for the harnesses' user-level files, or a project's absolute
path) and then by target, so many projects share one state file. Loading: parse JSON, check
``schema_version``, run the migrations, structure with a private cattrs converter. A corrupt
file is kept as ``state.json.corrupt-<time>`` and replaced with a warning; a file written by a
newer hsync is refused (:class:`StateError`) and left untouched.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from attrs import define, field

from ..errors import StateError
from ..files.atomicio import write_atomic
from .migrations import migrate

SCHEMA_VERSION = 2
USER_SCOPE = "user"


@define(kw_only=True)
class OwnedOutput:
    """One output hsync wrote: its hash as last written and what it was."""

    hash: str
    style: str
    kind: str
    item: str
    path: str
    stat: list[int] | None = None  # [mtime_ns, size] of the file when ``hash`` was taken
    created_parents: int = 0  # for entries: how many enclosing tables/objects hsync created
    adopted: bool = False  # found on disk exactly as hsync would write it, before hsync wrote it


@define(kw_only=True)
class TargetState:
    last_sync: str | None = None
    result: str | None = None
    sources_digest: str | None = None
    outputs: dict[str, OwnedOutput] = field(factory=dict)


@define(kw_only=True)
class ScopeState:
    targets: dict[str, TargetState] = field(factory=dict)


@define(kw_only=True)
class State:
    schema_version: int = SCHEMA_VERSION
    scopes: dict[str, ScopeState] = field(factory=dict)
    imported: list[str] = field(factory=list)
    last_run: str | None = None  # when the last sync started (ISO 8601, UTC)

    def target(self, scope: str, target: str) -> TargetState:
        return self.scopes.setdefault(scope, ScopeState()).targets.setdefault(target, TargetState())

    def peek(self, scope: str, target: str) -> TargetState | None:
        found = self.scopes.get(scope)
        return found.targets.get(target) if found else None

    def owners(self, scope: str, output_id: str) -> list[str]:
        """Targets of ``scope`` that own ``output_id``."""
        found = self.scopes.get(scope)
        if not found:
            return []
        return [name for name, t in found.targets.items() if output_id in t.outputs]


_converter = None


def _get_converter() -> Any:
    global _converter
    if _converter is None:
        from cattrs import Converter

        _converter = Converter()
    return _converter


def now_iso() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


class StateStore:
    """Loads and saves the state file of one ``$HSYNC_HOME``."""

    def __init__(self, hsync_home: Path, home: Path | None = None):
        self.path = hsync_home / "state.json"
        self.home = home
        self.warnings: list[str] = []

    def load(self) -> State:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return self._fresh()
        except (OSError, UnicodeDecodeError) as exc:
            return self._corrupt(f"cannot read it ({exc})")
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as exc:
            return self._corrupt(f"invalid JSON at line {exc.lineno}")
        if not isinstance(doc, dict):
            return self._corrupt("not a JSON object")
        version = doc.get("schema_version", 1)
        if not isinstance(version, int) or version < 1:
            return self._corrupt(f"bad schema_version {version!r}")
        if version > SCHEMA_VERSION:
            raise StateError(
                f"{self.path}: written by a newer hsync (schema_version {version}; this hsync reads up to "
                f"{SCHEMA_VERSION}); upgrade hsync, or move the file away to start over"
            )
        try:
            return _get_converter().structure(migrate(doc, SCHEMA_VERSION), State)
        except Exception as exc:  # cattrs validation errors of any shape
            return self._corrupt(f"unexpected content ({type(exc).__name__})")

    def _corrupt(self, why: str) -> State:
        kept = self.path.with_name(f"{self.path.name}.corrupt-{time.strftime('%Y%m%dT%H%M%S')}")
        self.path.replace(kept)
        self.warnings.append(f"{self.path}: {why}; kept as {kept.name} and starting with empty state")
        return State()

    def _fresh(self) -> State:
        state = State()
        self._import_harnesssync(state)
        return state

    def _import_harnesssync(self, state: State) -> None:
        """Take the last-sync times of a HarnessSync install (``~/.harnesssync/state.json``), once."""
        if self.home is None:
            return
        path = self.home / ".harnesssync" / "state.json"
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if not isinstance(doc, dict):
            return
        targets: dict[str, Any] = {}
        for account in (doc.get("accounts") or {}).values():
            if isinstance(account, dict):
                targets.update(account.get("targets") or {})
        targets.update(doc.get("targets") or {})
        for name, entry in targets.items():
            if isinstance(entry, dict) and isinstance(entry.get("last_sync"), str):
                ts = state.target(USER_SCOPE, str(name))
                ts.last_sync = entry["last_sync"]
                ts.result = entry.get("status") if isinstance(entry.get("status"), str) else None
        state.imported.append(f"harnesssync:{path}")
        self.warnings.append(f"{path}: imported last-sync times of {len(targets)} target(s) from HarnessSync")

    def save(self, state: State) -> None:
        doc = _get_converter().unstructure(state)
        # compact: the C encoder is many times faster than an indented dump for large states
        data = json.dumps(doc, sort_keys=True, separators=(",", ":")).encode("utf-8") + b"\n"
        write_atomic(self.path, data, private=True)  # state names what hsync owns: owner-only
