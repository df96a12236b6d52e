"""``$HSYNC_HOME/state.json``: what hsync owns, the hashes it wrote, and when each target synced.

State is keyed by scope (``"user"`` for the harnesses' user-level files, or a project's absolute
path) and then by target, so many projects share one state file. Loading: parse JSON, check
``schema_version``, run the migrations, structure by hand (:func:`structure`). A corrupt
file is kept as ``state.json.corrupt-<time>`` and replaced with a warning; a file written by a
newer hsync is refused (:class:`StateError`) and left untouched.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from attrs import define, field

from ..errors import HsyncError, StateError
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
    stat: list[int] | None = None  # [mtime_ns, size, ctime_ns, inode] when ``hash`` was taken
    created_parents: int = 0  # for entries: how many enclosing tables/objects hsync created
    adopted: bool = False  # found on disk exactly as hsync would write it, before hsync wrote it


@define(kw_only=True)
class TargetState:
    last_sync: str | None = None
    result: str | None = None
    sources_digest: str | None = None
    outputs: dict[str, OwnedOutput] = field(factory=dict)
    #: the render cache of the last clean run: key, report, owned paths' stats (planning/cache.py)
    cache: dict[str, Any] | None = None


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


_OUTPUT_FIELDS = ("hash", "style", "kind", "item", "path", "stat", "created_parents", "adopted")


def structure(doc: dict[str, Any]) -> State:
    """``State`` from a migrated document; raises (TypeError, KeyError, ValueError) on a bad one.

    Written by hand: a state of thousands of outputs is read on every run, and a generic
    converter costs several times more than the rest of a no-op run.
    """
    scopes: dict[str, ScopeState] = {}
    for scope, scope_doc in _mapping(doc.get("scopes")).items():
        targets: dict[str, TargetState] = {}
        for name, t in _mapping(scope_doc.get("targets")).items():
            outputs = {str(k): OwnedOutput(**_owned(o)) for k, o in _mapping(t.get("outputs")).items()}
            cache = t.get("cache")
            targets[str(name)] = TargetState(
                last_sync=_text(t.get("last_sync")),
                result=_text(t.get("result")),
                sources_digest=_text(t.get("sources_digest")),
                outputs=outputs,
                cache=cache if isinstance(cache, dict) else None,
            )
        scopes[str(scope)] = ScopeState(targets=targets)
    imported = doc.get("imported") or []
    if not isinstance(imported, list):
        raise TypeError("imported is not a list")
    return State(
        schema_version=int(doc.get("schema_version", SCHEMA_VERSION)),
        scopes=scopes,
        imported=[str(i) for i in imported],
        last_run=_text(doc.get("last_run")),
    )


def unstructure(state: State) -> dict[str, Any]:
    return {
        "schema_version": state.schema_version,
        "scopes": {
            scope: {
                "targets": {
                    name: {
                        "last_sync": t.last_sync,
                        "result": t.result,
                        "sources_digest": t.sources_digest,
                        "outputs": {
                            i: {f: getattr(o, f) for f in _OUTPUT_FIELDS} for i, o in t.outputs.items()
                        },
                        "cache": t.cache,
                    }
                    for name, t in s.targets.items()
                }
            }
            for scope, s in state.scopes.items()
        },
        "imported": list(state.imported),
        "last_run": state.last_run,
    }


def _mapping(value: Any) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise TypeError(f"expected an object, found {type(value).__name__}")
    return value


def _text(value: Any) -> str | None:
    if value is not None and not isinstance(value, str):
        raise TypeError(f"expected a string, found {type(value).__name__}")
    return value


def _owned(value: Any) -> dict[str, Any]:
    found = _mapping(value)
    for name in ("hash", "style", "kind", "item", "path"):
        if not isinstance(found.get(name), str):
            raise TypeError(f"output field {name} is not a string")
    stat = found.get("stat")
    if stat is not None and not (isinstance(stat, list) and all(isinstance(n, int) for n in stat)):
        raise TypeError("output stat is not a list of integers")
    return {f: found[f] for f in _OUTPUT_FIELDS if f in found}


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
        except PermissionError as exc:  # a good file this user may not read: never set it aside
            raise HsyncError(f"{self.path}: cannot read it ({exc.strerror}); left as it is") from None
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
            return structure(migrate(doc, SCHEMA_VERSION))
        except Exception as exc:  # a document of any wrong shape
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
        doc = unstructure(state)
        # compact: the C encoder is many times faster than an indented dump for large states
        data = json.dumps(doc, sort_keys=True, separators=(",", ":")).encode("utf-8") + b"\n"
        write_atomic(self.path, data, private=True)  # state names what hsync owns: owner-only
