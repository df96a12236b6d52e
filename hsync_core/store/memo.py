"""``$HSYNC_HOME/memo/``: the no-op memo. A ``sync`` or ``check`` that would change nothing
answers from memory, without loading adapters, reading sources or rendering.

After a run in which every target replayed from the render cache (nothing rendered, planned or
written; see :mod:`hsync_core.planning.cache`), the command keeps one small file, named by a
*key* of the invocation: hsync's version, the arguments as typed, the resolved project, the
working directory, the environment (less a few names every shell changes on its own), which
streams are terminals (and the terminal's size), the interpreter and the stat of every
``sys.path`` folder (installing, upgrading or removing a package changes one). The file holds what the run printed and its exit
code, the audit lines it logged, and the stat of every path the result depends on:

- *followed* (``os.stat``): every file the run opened for reading, every folder it listed and
  every optional file it looked for, as seen by :mod:`hsync_core.files.witness` (so an adapter's
  own reads count too), the paths adapters declared through ``render_inputs``, and the files of
  the loaded modules that live outside the interpreter's folders (:func:`code_paths`: an
  editable install's sources, so that editing hsync or an adapter is seen at once);
- *not followed* (``os.lstat``): every output and shared file the targets own, and the files
  hsync keeps for itself (state, the journal a killed run leaves, notifications).

The next identical invocation stats those paths and compares ``[mtime_ns, size, ctime_ns,
inode]`` (``None``: absent). All equal: it prints the same lines, appends the same audit lines
(with the new time) and exits with the same code. Anything different: the run goes the whole
way, and keeps a new memo when it changed nothing again. A hand edit changes ``ctime_ns``, which
no program can set back, so ``check`` catches an edit that keeps size and mtime.

A memo is kept only when it is safe to trust: not with ``HSYNC_NO_CACHE=1``, not when a
``read_sources`` plugin other than the core's reads the sources, and not when any recorded path
changed less than :data:`RACY_NS` before the run began (its content and its stat might disagree;
two seconds on file systems whose times have no sub-second part). Files hold no secret that the
terminal did not show; they are owner-only, like everything under ``$HSYNC_HOME``, and written
atomically without a flush (losing one costs a full run, nothing more).

This module imports only the standard library, so that a served run starts nothing else.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

#: bump when the key's recipe or the file's layout changes
MEMO_FORMAT = 2
ENV_SWITCH = "HSYNC_NO_CACHE"
#: environment names a shell changes between two identical commands
VOLATILE_ENV = frozenset({"_", "OLDPWD", "PWD", "SHLVL"})
#: a path changed less than this before the run began is too fresh to vouch for
RACY_NS = 100_000_000
COARSE_RACY_NS = 2_000_000_000
#: memo files kept per ``$HSYNC_HOME`` (the oldest go first)
KEEP = 64

Stat = list[int] | None


def enabled(environ: Mapping[str, str] = os.environ) -> bool:
    """Off with ``HSYNC_NO_CACHE=1``, and while plugin calls are traced (a trace is the run's)."""
    return environ.get(ENV_SWITCH, "") in ("", "0") and environ.get("HSYNC_TRACE_PLUGINS") != "1"


def stat_of(path: str, *, follow: bool) -> Stat:
    """``[mtime_ns, size, ctime_ns, inode]`` of ``path``, or None when it is absent or unusable."""
    try:
        st = os.stat(path) if follow else os.lstat(path)
    except (OSError, ValueError):
        return None
    return [st.st_mtime_ns, st.st_size, st.st_ctime_ns, st.st_ino]


def memo_key(args: Sequence[str], project: Path | None) -> str:
    """The key of one invocation: ``args`` as typed, and the rest of what the module docstring
    lists."""
    from .. import __version__

    parts: list[object] = [MEMO_FORMAT, __version__, list(args)]
    parts.append(str(project) if project else None)
    try:
        parts.append(os.getcwd())
    except OSError:
        parts.append(None)
    parts.append(sorted((k, v) for k, v in os.environ.items() if k not in VOLATILE_ENV))
    parts.append([_isatty(stream) for stream in (sys.stdin, sys.stdout, sys.stderr)])
    parts.append(_terminal_size())
    parts.append(sys.executable)
    parts.append([(entry, stat_of(entry or ".", follow=True)) for entry in sys.path])
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogateescape")).hexdigest()


def _terminal_size() -> tuple[int, int] | None:
    """The size of the terminal on stdout (help text is wrapped to it), None when there is none."""
    try:
        return tuple(os.get_terminal_size(sys.__stdout__.fileno()))  # type: ignore[union-attr,return-value]
    except (AttributeError, ValueError, OSError):
        return None


def code_paths() -> list[str]:
    """The files of the loaded modules that are not part of the interpreter's own folders (an
    editable install, ``PYTHONPATH``): a change to one is a change to the program, which the
    version and the ``sys.path`` folders in the key would not show."""
    inside = tuple(os.path.join(p, "") for p in {sys.prefix, sys.base_prefix, sys.exec_prefix} if p)
    found = []
    for module in list(sys.modules.values()):
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and os.path.isabs(path) and not path.startswith(inside):
            found.append(path)
    return found


def _isatty(stream: object) -> bool:
    try:
        return bool(stream and stream.isatty())
    except (ValueError, OSError):
        return False


class Memo:
    """The memo of one invocation: :meth:`lookup` it, or :meth:`save` it after a run."""

    def __init__(self, hsync_home: Path, key: str):
        self.hsync_home = hsync_home
        self.folder = hsync_home / "memo"
        self.path = self.folder / f"{key}.json"

    def lookup(self) -> dict[str, object] | None:
        """What the remembered run printed (``lines``: ``[text, to stderr]``), its ``code``,
        ``audit`` lines and ``data``, when every recorded path is as it was; else None."""
        try:
            with open(self.path, "rb") as handle:
                memo = json.loads(handle.read())
        except (OSError, ValueError):
            return None
        try:
            if memo["format"] != MEMO_FORMAT:
                return None
            for path, recorded in memo["follow"].items():
                if stat_of(path, follow=True) != recorded:
                    return None
            for path, recorded in memo["nofollow"].items():
                if stat_of(path, follow=False) != recorded:
                    return None
            return {
                "code": int(memo["code"]),
                "lines": memo["lines"],
                "audit": memo["audit"],
                "data": memo.get("data"),
            }
        except (KeyError, TypeError, AttributeError, ValueError):
            return None

    def save(
        self,
        *,
        code: int,
        lines: Iterable[tuple[str, bool]],
        audit: Iterable[str],
        follow: Iterable[str],
        nofollow: Iterable[str],
        written: Mapping[str, Stat],
        started_ns: int,
        data: object = None,
    ) -> bool:
        """Keep the memo (True), unless a recorded path is too fresh to vouch for (False).

        ``written``: files this run wrote itself, with their stat right after (exempt from the
        freshness rule); ``started_ns``: when the run began (``time.time_ns()``); ``data``: any
        other JSON value to give back with the memo (:meth:`lookup`'s ``data``)."""
        followed = {path: stat_of(path, follow=True) for path in sorted(set(follow))}
        not_followed = {path: stat_of(path, follow=False) for path in sorted(set(nofollow) - set(written))}
        for recorded in (*followed.values(), *not_followed.values()):
            if _fresh(recorded, started_ns):
                self.forget()
                return False
        not_followed.update(written)
        document = {
            "format": MEMO_FORMAT,
            "code": code,
            "lines": [[text, bool(err)] for text, err in lines],
            "audit": list(audit),
            "follow": followed,
            "nofollow": not_followed,
            "data": data,
        }
        from ..files.atomicio import clean_stale_temps, write_atomic

        # ASCII: a name that is not valid UTF-8 (a lone surrogate) survives the round trip
        data = json.dumps(document, separators=(",", ":")).encode("ascii")
        try:
            self.folder.mkdir(mode=0o700, exist_ok=True)  # never makes $HSYNC_HOME itself
            clean_stale_temps(self.folder)
            write_atomic(self.path, data, private=True, durable=False)
        except OSError:  # no, a read-only or a full $HSYNC_HOME: the run stands, the next runs in full
            return False
        self._prune()
        return True

    def forget(self) -> None:
        """Drop this invocation's memo (and temp files a killed run left in the folder)."""
        from ..files.atomicio import clean_stale_temps

        with contextlib.suppress(OSError):
            os.unlink(self.path)
        clean_stale_temps(self.folder)

    def _prune(self) -> None:
        try:
            entries = [e for e in os.scandir(self.folder) if e.name.endswith(".json")]
        except OSError:
            return
        if len(entries) <= KEEP:
            return
        entries.sort(key=lambda e: e.stat(follow_symlinks=False).st_mtime_ns)
        for entry in entries[: len(entries) - KEEP]:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)


def _fresh(recorded: Stat, started_ns: int) -> bool:
    if recorded is None:
        return False
    mtime, _size, ctime, _ino = recorded
    coarse = ctime % 1_000_000_000 == 0 and mtime % 1_000_000_000 == 0
    margin = COARSE_RACY_NS if coarse else RACY_NS
    return max(mtime, ctime) >= started_ns - margin


def replay_audit(hsync_home: Path, lines: Iterable[str]) -> None:
    """Append a served run's audit lines, stamped with the time of this run."""
    lines = list(lines)
    if not lines:
        return
    from .auditlog import AuditLog

    stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    log = AuditLog(hsync_home, trigger="cli", project=None, time=stamp)
    for line in lines:
        entry = json.loads(line)
        entry["time"] = stamp
        log.lines.append(json.dumps(entry, ensure_ascii=False, default=str))
    log.flush()
