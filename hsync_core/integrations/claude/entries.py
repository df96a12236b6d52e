"""The entries ``hsync integrate claude`` puts into Claude Code's files: where they go
(``Where``), what each must hold (``Want``), the files' texts as loaded and edited (``Texts``),
the record of what hsync set (``$HSYNC_HOME/integrations.json``) and the ``Result`` shown.
"""

from __future__ import annotations

import difflib
import json
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ...errors import InvalidInput
from ...files import jsonc
from ...store.jsondoc import JsonDocument

MARKETPLACE = "hsync"
PLUGIN = "hsync"
PLUGIN_ID = f"{PLUGIN}@{MARKETPLACE}"
RECORD_NAME = "integrations.json"
#: keys Claude Code stamps with the time; a difference in them alone is no change
TIMESTAMPS = ("installedAt", "lastUpdated")
MISSING = jsonc.MISSING


def marketplace_dir() -> Path:
    """The packaged marketplace (``hsync_core/integrations/claude/plugin``)."""
    return Path(__file__).resolve().parent / "plugin"


def plugin_dir() -> Path:
    return marketplace_dir() / PLUGIN


def plugin_version() -> str:
    manifest = plugin_dir() / ".claude-plugin" / "plugin.json"
    return str(json.loads(manifest.read_text(encoding="utf-8"))["version"])


def now_text() -> str:
    """The time as Claude Code writes it (``2026-01-02T03:04:05.678Z``)."""
    now = time.time()
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(now)) + f".{int(now % 1 * 1000):03d}Z"


def _plain(value: Any) -> Any:
    """``value`` without Claude Code's timestamps, for comparing entries."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if k not in TIMESTAMPS}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def same_value(a: Any, b: Any) -> bool:
    return a is not MISSING and b is not MISSING and _plain(a) == _plain(b)


# ------------------------------------------------------------------------------ the files


class Where:
    """The files of one home (and project) that an install touches."""

    def __init__(self, home: Path, project: Path | None = None, claude_dir: Path | None = None):
        self.home = home
        self.project = project
        # Claude Code's user folder: ``$CLAUDE_CONFIG_DIR`` when set, else ``~/.claude``
        self.claude = claude_dir or home / ".claude"
        self.moved = self.claude != home / ".claude"
        self.user_settings = self.claude / "settings.json"
        self.known_marketplaces = self.claude / "plugins" / "known_marketplaces.json"
        self.installed_plugins = self.claude / "plugins" / "installed_plugins.json"

    def settings(self, scope: str) -> Path:
        if scope == "user":
            return self.user_settings
        assert self.project is not None
        return self.project / ".claude" / "settings.json"

    def scope_key(self, scope: str) -> str:
        """The key of an installed scope in the record: ``user`` or the project's path, with the
        Claude Code folder after a ``|`` when ``CLAUDE_CONFIG_DIR`` moves it (one install per
        folder: each is removed from the folder it was made in)."""
        key = "user" if scope == "user" else str(self.project)
        return f"{key}|{self.claude}" if self.moved else key

    def describe(self) -> dict[str, Any]:
        """What the record keeps beside a scope's edits, to find its files again."""
        return {"claude_dir": str(self.claude)} if self.moved else {}


class Want:
    """One key hsync wants set. ``element``: the value is one entry of the list at ``key``,
    found by the values of its ``identity`` keys; ``only_if_missing``: leave any present value."""

    def __init__(
        self,
        file: Path,
        key: tuple[str, ...],
        value: Any,
        *,
        identity: tuple[str, ...] | None = None,
        only_if_missing: bool = False,
    ):
        self.file = file
        self.key = key
        self.value = value
        self.identity = identity
        self.only_if_missing = only_if_missing

    @property
    def element(self) -> bool:
        return self.identity is not None

    def ident(self) -> dict[str, Any]:
        return {k: self.value.get(k) for k in self.identity or ()}

    @property
    def id(self) -> tuple[str, tuple[str, ...], str]:
        return _id(str(self.file), self.key, self.ident() if self.element else None)


def wants(where: Where, scope: str) -> list[Want]:
    """What an install of ``scope`` sets (what ``claude plugin marketplace add`` and ``claude
    plugin install -s SCOPE`` write), with the packaged marketplace as a directory source."""
    market = str(marketplace_dir())
    source = {"source": "directory", "path": market}
    stamp = now_text()
    entry: dict[str, Any] = {
        "scope": scope,
        "installPath": str(plugin_dir()),
        "version": plugin_version(),
        "installedAt": stamp,
        "lastUpdated": stamp,
    }
    if scope == "project":
        entry["projectPath"] = str(where.project)
    return [
        Want(where.user_settings, ("extraKnownMarketplaces", MARKETPLACE), {"source": source}),
        Want(where.settings(scope), ("enabledPlugins", PLUGIN_ID), True),
        Want(
            where.known_marketplaces,
            (MARKETPLACE,),
            {"source": source, "installLocation": market, "lastUpdated": stamp},
        ),
        Want(where.installed_plugins, ("version",), 2, only_if_missing=True),
        Want(where.installed_plugins, ("plugins", PLUGIN_ID), entry, identity=("scope", "projectPath")),
    ]


def _id(file: str, key: Iterable[str], ident: dict[str, Any] | None) -> tuple[str, tuple[str, ...], str]:
    """What names one edit: the file, the key and, for a list entry, its identity."""
    return file, tuple(key), "" if ident is None else json.dumps(ident, sort_keys=True)


def edit_id(edit: dict[str, Any]) -> tuple[str, tuple[str, ...], str]:
    ident = None
    if edit.get("identity") is not None:
        ident = {k: edit["value"].get(k) for k in edit["identity"]}
    return _id(edit["file"], edit["key"], ident)


def wanted_ids(where: Where, scope_key: str, record: dict[str, Any]) -> set[tuple[str, tuple[str, ...], str]]:
    """The edits an installed scope (``user`` or a project path, and the Claude Code folder
    its ``record`` names) relies on."""
    key = scope_key.split("|", 1)[0]
    scope = "user" if key == "user" else "project"
    claude_dir = Path(record["claude_dir"]) if record.get("claude_dir") else None
    sub = Where(where.home, None if scope == "user" else Path(key), claude_dir)
    return {w.id for w in wants(sub, scope)}


class Texts:
    """The JSON files being changed, read once, checked, edited in memory, written at the end."""

    def __init__(self) -> None:
        self.before: dict[Path, str | None] = {}
        self.after: dict[Path, str] = {}

    def text(self, path: Path) -> str:
        if path not in self.before:
            try:
                self.before[path] = path.read_text(encoding="utf-8")
            except FileNotFoundError:
                self.before[path] = None
            except UnicodeDecodeError:
                raise InvalidInput(path, "not UTF-8 text") from None
            except OSError as exc:
                raise InvalidInput(path, f"cannot read: {exc.strerror or exc}") from None
            self.parse(path, self.before[path] or "")
        return self.after.get(path, self.before[path] or "")

    @staticmethod
    def parse(path: Path, text: str) -> jsonc.Node:
        try:
            root = jsonc.parse(text)
        except jsonc.JsoncError as exc:
            raise InvalidInput(path, f"invalid JSON: {exc.message}", exc.line) from None
        if not isinstance(root.value, dict):
            raise InvalidInput(path, f"the top level must be a JSON object, not {type(root.value).__name__}")
        return root

    def value(self, path: Path, key: tuple[str, ...]) -> Any:
        """The value at ``key`` (MISSING when absent); a non-object on the way is an error."""
        value: Any = self.parse(path, self.text(path)).value
        for depth, part in enumerate(key):
            if not isinstance(value, dict):
                where = ".".join(key[:depth])
                raise InvalidInput(path, f"'{where}' must be a JSON object, not {type(value).__name__}")
            if part not in value:
                return MISSING
            value = value[part]
        return value

    def missing_parents(self, path: Path, key: tuple[str, ...]) -> int:
        value: Any = self.parse(path, self.text(path)).value
        for depth, part in enumerate(key[:-1]):
            if part not in value:
                return len(key) - 1 - depth
            value = value[part]
        return 0

    def set(self, path: Path, key: tuple[str, ...], value: Any) -> None:
        self.after[path] = jsonc.set_value(self.text(path), key, value)

    def delete(self, path: Path, key: tuple[str, ...], prune: int) -> None:
        self.after[path] = jsonc.delete_value(self.text(path), key, prune=prune)

    def changed(self) -> list[Path]:
        return [p for p, text in self.after.items() if text != (self.before.get(p) or "")]


# ------------------------------------------------------------------------------ the record


def _empty_record() -> dict[str, Any]:
    return {"version": 1, "claude": {"scopes": {}, "files": {}, "dirs": []}}


def record_document(hsync_home: Path) -> JsonDocument:
    return JsonDocument(hsync_home / RECORD_NAME, default=_empty_record)


def claude_record(data: dict[str, Any]) -> dict[str, Any]:
    claude = data.setdefault("claude", {})
    claude.setdefault("scopes", {})
    claude.setdefault("files", {})
    claude.setdefault("dirs", [])
    return claude


# ------------------------------------------------------------------------------ results


class Result:
    """What an install or uninstall did (or, in a dry run, would do)."""

    def __init__(self, action: str, scope: str, scope_key: str):
        self.action = action  # "install" or "uninstall"
        self.scope = scope
        self.scope_key = scope_key
        self.added: list[tuple[Path, tuple[str, ...]]] = []
        self.removed: list[tuple[Path, tuple[str, ...]]] = []
        self.left: list[tuple[Path, tuple[str, ...], str]] = []  # (file, key, why)
        self.files_removed: list[Path] = []
        self.diffs: list[str] = []
        self.was_installed = False  # uninstall: hsync had installed this scope

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed or self.files_removed)


def display(path: Path, home: Path, project: Path | None) -> str:
    """``.claude/settings.json`` in the project, ``~/.claude/settings.json`` in the home (the
    closer of the two when one holds the other)."""
    bases = [
        (b, prefix) for b, prefix in ((project, ""), (home, "~/")) if b is not None and path.is_relative_to(b)
    ]
    if not bases:
        return str(path)
    base, prefix = max(bases, key=lambda found: len(found[0].parts))
    return prefix + path.relative_to(base).as_posix()


def key_text(key: Iterable[str]) -> str:
    return ".".join(key)


def file_diff(path: Path, old: str | None, new: str | None, home: Path, project: Path | None) -> str:
    shown = display(path, home, project)
    text = "".join(
        difflib.unified_diff(
            (old or "").splitlines(keepends=True),
            (new or "").splitlines(keepends=True),
            fromfile=shown if old is not None else "/dev/null",
            tofile=shown if new is not None else "/dev/null",
        )
    )
    return text if not text or text.endswith("\n") else text + "\n"
