"""``hsync hook session-start``: one line for the start of a Claude Code session.

Prints at most one line, which Claude Code adds to the session's context: which targets are out of
date or drifted, and how many notifications wait; nothing when all is in sync. It reads the sources
with the built-in reader and checks owned outputs against ``state.json`` (trusting a file whose
stat is as recorded), without loading any adapter. Always exits 0.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

LINK_HASH_PREFIX = "symlink:"  # how state records a link output's hash (see planning/disk.py)


def _enabled_targets(config: Any, environ: Mapping[str, str]) -> list[str]:
    """Installed targets the config enables, from entry-point names (no adapter is imported)."""
    from ...entrypoints import dependency_only_targets, installed

    eps = {ep.name: ep for ep in installed(environ)}
    optional = dependency_only_targets(eps) if config.targets is None else {}
    return config.enabled_targets(sorted(eps), optional)


def _load_state(hsync_home: Path) -> dict[str, Any] | None:
    """``state.json`` as plain data, or None when it is missing, unreadable or of another
    schema (this check never migrates or moves the file; ``hsync status`` does)."""
    from ...store.state import SCHEMA_VERSION

    try:
        data = json.loads((hsync_home / "state.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("schema_version") != SCHEMA_VERSION:
        return None
    return data


class _Record:
    """The parts of an owned-output record that :class:`DiskFile` reads."""

    def __init__(self, raw: Mapping[str, Any]):
        self.hash = raw.get("hash")
        self.stat = raw.get("stat")


def _unchanged(raw: Mapping[str, Any]) -> bool:
    """The cheap answer for most outputs: a whole file whose stat is as recorded, or
    a link that still points where hsync pointed it. False means "look closer"."""
    style, path = raw.get("style"), raw["path"]
    try:
        if style == "file" and raw.get("stat"):
            st = os.lstat(path)  # the record's stat: [mtime_ns, size, ctime_ns, inode]
            return [st.st_mtime_ns, st.st_size, st.st_ctime_ns, st.st_ino] == raw["stat"]
        if style == "link" and str(raw.get("hash", "")).startswith(LINK_HASH_PREFIX):
            return LINK_HASH_PREFIX + os.readlink(path) == raw["hash"]
    except OSError:
        return False
    return False


def _drifted(outputs: Mapping[str, Any], disks: dict[tuple[str, str], Any]) -> list[str]:
    """Ids of owned outputs edited by hand or removed (files whose stat is as
    recorded are trusted without being read)."""
    found = []
    for output_id, raw in outputs.items():
        if not isinstance(raw, dict) or not isinstance(raw.get("path"), str):
            continue
        if _unchanged(raw):
            continue
        from ...planning.disk import DiskFile, parse_key

        key = (raw["path"], str(raw.get("style")))
        disk = disks.get(key)
        if disk is None:
            disk = disks[key] = DiskFile(Path(raw["path"]), str(raw.get("style")))
        if disk.error:
            found.append(output_id)
            continue
        if disk.current_hash(parse_key(output_id), _Record(raw)) != raw.get("hash"):
            found.append(output_id)
    return found


def _sources_digests(
    home: Path, hsync_home: Path, project: Path | None, config: Any, environ: Mapping[str, str]
) -> dict[str, str]:
    """The sources digest per level, as a sync records it: remembered from the last read when
    nothing it looked at changed, else read now (built-in reader only)."""
    from ...sources.digests import read_remembered, remembered

    found = remembered(hsync_home, home, project, config, environ)
    if found is not None:
        return found
    from ...models import Context
    from ...sources.digests import level_digests
    from ...sources.reader import read_sources

    ctx = Context(home=home, hsync_home=hsync_home, project=project, config=config, environ=environ)
    contributed = read_remembered(ctx, lambda: [read_sources(ctx)])
    return level_digests((item for batch in contributed for item in batch), project)


def _names_list(names: Iterable[str]) -> str:
    return ", ".join(sorted(set(names)))


def run_hook(project_option: str | None = None) -> tuple[str | None, str | None]:
    """What ``hsync hook session-start`` prints: ``(the line for stdout, a line for stderr)``,
    either or both None. Reads the hook's JSON from stdin (it only helps find the project);
    never raises, so that the start of a session never fails."""
    from ...operations.locations import home_dir, hsync_home
    from .hook_input import parse_payload, project_for, read_stdin

    try:
        home = home_dir()
        try:
            payload = parse_payload(read_stdin())
        except ValueError:
            payload = {}  # the payload only helps find the project; none is fine
        project = project_for(payload, os.environ, home, project_option)
        line = session_summary(home=home, hsync_home=hsync_home(home), project=project, environ=os.environ)
    except Exception as exc:
        return None, f"hsync hook: session-start failed: {type(exc).__name__}: {exc}"[:300]
    return line, None


def session_summary(
    *, home: Path, hsync_home: Path, project: Path | None, environ: Mapping[str, str]
) -> str | None:
    """The line for the start of a Claude Code session, or None when everything is in sync."""
    from ...store.waiting import pending_count

    parts: list[str] = []
    try:
        parts.extend(_sync_summary(home, hsync_home, project, environ))
    except Exception as exc:  # a broken source or config: say so in one line, do not fail
        problem = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        parts.append(f"cannot tell what is in sync ({problem})")
    pending = pending_count(hsync_home)
    if pending:
        parts.append(f"{pending} notification{'s' if pending != 1 else ''} waiting")
    if not parts:
        return None
    return "hsync: " + "; ".join(parts) + " — run /hsync:status"


def _sync_summary(
    home: Path, hsync_home: Path, project: Path | None, environ: Mapping[str, str]
) -> list[str]:
    from ...config import load_config

    config = load_config(hsync_home, project)
    targets = _enabled_targets(config, environ)
    if not targets:
        return []
    state = _load_state(hsync_home)
    scopes = (state or {}).get("scopes") or {}
    from ...sources.digests import EMPTY

    digests = _sources_digests(home, hsync_home, project, config, environ)
    changed: set[str] = set()
    never: set[str] = set()
    drift: dict[str, set[str]] = {}
    disks: dict[tuple[str, str], Any] = {}
    for level, key in (("user", "user"), ("project", str(project) if project else None)):
        if key is None:
            continue
        recorded = ((scopes.get(key) or {}).get("targets")) or {}
        for target in targets:
            record = recorded.get(target)
            if not isinstance(record, dict):
                if digests[level] != digests[EMPTY]:
                    never.add(target)  # sources to sync, never synced here
                continue
            if record.get("sources_digest") != digests[level]:
                changed.add(target)
            for output_id in _drifted(record.get("outputs") or {}, disks):
                drift.setdefault(output_id, set()).add(target)
    parts = []
    stale = changed | never
    if stale:
        why = "never synced" if not changed else "sources changed since last sync"
        parts.append(f"{_names_list(stale)} out of date ({why})")
    if drift:
        owners = {t for ts in drift.values() for t in ts}
        count = len(drift)
        parts.append(f"{count} drifted output{'s' if count != 1 else ''} ({_names_list(owners)})")
    return parts
