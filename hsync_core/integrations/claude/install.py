"""``hsync integrate claude``: install hsync's own Claude Code plugin, and remove exactly that.

The plugin ships inside this package (``plugin/``, a local marketplace named ``hsync``
holding the plugin ``hsync``) and is registered in place, as Claude Code registers a directory
marketplace. hsync writes the entries ``claude plugin marketplace add DIR`` and ``claude plugin
install hsync@hsync`` would write, but edits them into the files itself: Claude Code rewrites a
whole ``settings.json`` in its own format and key order, while hsync changes only its own keys,
so that ``--uninstall`` leaves each file byte for byte as it was.

What one install (scope ``user``, or ``project`` for one project) adds:

- ``~/.claude/settings.json``: ``extraKnownMarketplaces.hsync`` (a directory source);
- the scope's ``settings.json`` (``~/.claude/`` or ``<project>/.claude/``):
  ``enabledPlugins["hsync@hsync"] = true``;
- ``~/.claude/plugins/known_marketplaces.json``: ``hsync``;
- ``~/.claude/plugins/installed_plugins.json``: an entry of ``plugins["hsync@hsync"]`` for the
  scope (with ``projectPath`` for a project).

Each key hsync set (and what it held before) is recorded in ``$HSYNC_HOME/integrations.json``;
uninstalling a scope puts back exactly those keys, leaves a key the user changed since (and says
so), keeps what another installed scope still needs, and removes files and directories hsync
created once they hold nothing else.
"""

from __future__ import annotations

import copy
import difflib
import json
import os
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ...errors import InvalidInput
from ...files import jsonc
from ...files.atomicio import write_atomic
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


def _now() -> str:
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


def _same(a: Any, b: Any) -> bool:
    return a is not MISSING and b is not MISSING and _plain(a) == _plain(b)


# ------------------------------------------------------------------------------ the files


class Where:
    """The files of one home (and project) that an install touches."""

    def __init__(self, home: Path, project: Path | None = None):
        self.home = home
        self.project = project
        self.claude = home / ".claude"
        self.user_settings = self.claude / "settings.json"
        self.known_marketplaces = self.claude / "plugins" / "known_marketplaces.json"
        self.installed_plugins = self.claude / "plugins" / "installed_plugins.json"

    def settings(self, scope: str) -> Path:
        if scope == "user":
            return self.user_settings
        assert self.project is not None
        return self.project / ".claude" / "settings.json"


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
    stamp = _now()
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


def _edit_id(edit: dict[str, Any]) -> tuple[str, tuple[str, ...], str]:
    ident = None
    if edit.get("identity") is not None:
        ident = {k: edit["value"].get(k) for k in edit["identity"]}
    return _id(edit["file"], edit["key"], ident)


def _wanted_ids(where: Where, scope_key: str) -> set[tuple[str, tuple[str, ...], str]]:
    """The edits an installed scope (``user`` or a project path) relies on."""
    scope = "user" if scope_key == "user" else "project"
    sub = Where(where.home, None if scope == "user" else Path(scope_key))
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


def _claude(data: dict[str, Any]) -> dict[str, Any]:
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


def _diff(path: Path, old: str | None, new: str | None, home: Path, project: Path | None) -> str:
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


# ------------------------------------------------------------------------------ install


def _missing_dirs(path: Path) -> list[Path]:
    missing = []
    for parent in path.parents:
        if parent.exists():
            break
        missing.append(parent)
    return missing


def _target(path: Path) -> Path:
    """Where to write ``path``: through a link (a settings file kept in a dotfiles repository)."""
    return path.resolve() if path.is_symlink() else path


def _apply_want(texts: Texts, want: Want, own: dict[Any, dict[str, Any]]) -> dict | None:
    """Change ``texts`` so that ``want`` holds; return the record of what was changed (None:
    nothing to change). ``own`` holds the earlier edits hsync recorded (by :func:`_edit_id`)."""
    current = texts.value(want.file, want.key)
    earlier = own.get(want.id)
    if want.only_if_missing:
        if current is not MISSING:
            return None
        prune = texts.missing_parents(want.file, want.key)
        texts.set(want.file, want.key, want.value)
        return {"file": str(want.file), "key": list(want.key), "value": want.value, "prune": prune}
    if not want.element:
        if _same(current, want.value):
            return None
        prune = texts.missing_parents(want.file, want.key) if current is MISSING else 0
        texts.set(want.file, want.key, want.value)
        edit = {"file": str(want.file), "key": list(want.key), "value": want.value, "prune": prune}
        if earlier is not None:  # hsync set it before: keep what the key held before hsync
            edit["prune"] = earlier.get("prune", 0)
            if "before" in earlier:
                edit["before"] = earlier["before"]
        elif current is not MISSING:
            edit["before"] = current
        return edit
    # one entry of a list (Claude Code's installed_plugins.json)
    if current is not MISSING and not isinstance(current, list):
        raise InvalidInput(
            want.file, f"'{key_text(want.key)}' must be a JSON array, not {type(current).__name__}"
        )
    entries = list(current) if current is not MISSING else []
    ident = want.ident()
    index = next(
        (i for i, e in enumerate(entries) if isinstance(e, dict) and {k: e.get(k) for k in ident} == ident),
        None,
    )
    if index is not None:
        present = entries[index]
        if _same(present, want.value):
            return None
        if earlier is None or not _same(present, earlier["value"]):
            return None  # installed by Claude Code itself (or changed by hand): leave it
        value = dict(want.value, installedAt=present.get("installedAt", want.value["installedAt"]))
        entries[index] = value
    else:
        value = want.value
        entries.append(value)
    prune = texts.missing_parents(want.file, want.key) if current is MISSING else 0
    texts.set(want.file, want.key, entries)
    edit = {
        "file": str(want.file),
        "key": list(want.key),
        "value": value,
        "identity": list(want.identity or ()),
        "created_key": current is MISSING,
        "prune": prune,
    }
    if earlier is not None:
        edit["created_key"] = earlier.get("created_key", False)
        edit["prune"] = earlier.get("prune", 0)
    return edit


def install(
    *, home: Path, hsync_home: Path, scope: str, project: Path | None, dry_run: bool = False
) -> Result:
    """Install the plugin for ``scope``; idempotent. Raises :class:`InvalidInput` (nothing
    written) when a file it must edit is broken."""
    where = Where(home, project)
    scope_key = "user" if scope == "user" else str(project)
    result = Result("install", scope, scope_key)
    document = record_document(hsync_home)
    _install(where, scope, scope_key, document.read(), result, write=False)  # a broken file: raise here
    if dry_run:
        return result
    result = Result("install", scope, scope_key)
    with document.update() as data:
        _install(where, scope, scope_key, data, result, write=True)
    return result


def _install(
    where: Where, scope: str, scope_key: str, data: dict[str, Any], result: Result, *, write: bool
) -> None:
    claude = _claude(data)
    record = claude["scopes"].get(scope_key) or {"edits": []}
    # what hsync set before, for any scope (the marketplace entries are shared by all scopes)
    own = {_edit_id(e): e for held in claude["scopes"].values() for e in held.get("edits", [])}
    texts = Texts()
    edits = []
    for want in wants(where, scope):
        edit = _apply_want(texts, want, own)
        if edit is not None:
            edits.append(edit)
            result.added.append((want.file, want.key))
    changed = texts.changed()
    for path in changed:
        result.diffs.append(_diff(path, texts.before[path], texts.after[path], where.home, where.project))
    if not write:
        return
    created_dirs: list[Path] = []
    for path in changed:
        if not (texts.before[path] or "").strip() and str(path) not in claude["files"]:
            claude["files"][str(path)] = texts.before[path]  # None: hsync created the file
        created_dirs += _missing_dirs(path)
        write_atomic(_target(path), texts.after[path].encode("utf-8"))
    for directory in created_dirs:
        if str(directory) not in claude["dirs"]:
            claude["dirs"].append(str(directory))
    record.setdefault("since", _now())
    claude["scopes"][scope_key] = record
    for edit in edits:  # an edit replaces the earlier record of the same key, wherever it is held
        holder = next(
            (r for r in claude["scopes"].values() if any(_edit_id(e) == _edit_id(edit) for e in r["edits"])),
            record,
        )
        holder["edits"] = [e for e in holder["edits"] if _edit_id(e) != _edit_id(edit)] + [edit]


# ------------------------------------------------------------------------------ uninstall


def uninstall(
    *, home: Path, hsync_home: Path, scope: str, project: Path | None, dry_run: bool = False
) -> Result:
    """Remove what :func:`install` added for ``scope`` and nothing else."""
    where = Where(home, project)
    scope_key = "user" if scope == "user" else str(project)
    result = Result("uninstall", scope, scope_key)
    document = record_document(hsync_home)
    _uninstall(where, scope_key, copy.deepcopy(document.read()), result, write=False)  # raise here
    if dry_run or not result.was_installed:
        return result
    result = Result("uninstall", scope, scope_key)
    with document.update() as data:
        _uninstall(where, scope_key, data, result, write=True)
    return result


def _pass_on_created_key(claude: dict[str, Any], edit: dict[str, Any]) -> None:
    """hsync created the list ``edit`` removed its entry from, and other hsync entries remain:
    the one that is removed last must remove the list too."""
    for scope in claude["scopes"].values():
        for other in scope.get("edits", []):
            if (other["file"], other["key"]) == (edit["file"], edit["key"]) and other.get("identity"):
                other["created_key"] = True
                other["prune"] = max(other.get("prune", 0), edit.get("prune", 0))
                return


def _revert(texts: Texts, edit: dict[str, Any], result: Result) -> bool:
    """Put back what ``edit`` changed, when it is still as hsync left it; True when a list entry
    was removed and other entries remain in the list."""
    path, key = Path(edit["file"]), tuple(edit["key"])
    if not path.exists():
        return False
    current = texts.value(path, key)
    if current is MISSING:
        return False
    if edit.get("identity") is not None:
        if not isinstance(current, list):
            result.left.append((path, key, "no longer a list"))
            return False
        ident = {k: edit["value"].get(k) for k in edit["identity"]}
        index = next(
            (
                i
                for i, e in enumerate(current)
                if isinstance(e, dict) and {k: e.get(k) for k in ident} == ident
            ),
            None,
        )
        if index is None:
            return False
        if not _same(current[index], edit["value"]):
            result.left.append((path, key, "the entry changed since hsync added it"))
            return False
        rest = current[:index] + current[index + 1 :]
        if rest or not edit.get("created_key"):
            texts.set(path, key, rest)
        else:
            texts.delete(path, key, edit.get("prune", 0))
        result.removed.append((path, key))
        return bool(rest)
    if not _same(current, edit["value"]):
        result.left.append((path, key, "changed since hsync set it"))
        return False
    if "before" in edit:
        texts.set(path, key, edit["before"])
    else:
        texts.delete(path, key, edit.get("prune", 0))
    result.removed.append((path, key))
    return False


def _uninstall(where: Where, scope_key: str, data: dict[str, Any], result: Result, *, write: bool) -> None:
    claude = _claude(data)
    record = claude["scopes"].pop(scope_key, None)
    if record is None:
        return
    result.was_installed = True
    texts = Texts()
    for edit in record.get("edits", []):
        heir = next((k for k in claude["scopes"] if _edit_id(edit) in _wanted_ids(where, k)), None)
        if heir is not None:  # another installed scope still needs it (the marketplace)
            claude["scopes"][heir].setdefault("edits", []).append(edit)
            continue
        if _revert(texts, edit, result) and edit.get("created_key"):
            _pass_on_created_key(claude, edit)
    removed_files: list[Path] = []
    for path in list(texts.after):
        original = claude["files"].get(str(path), MISSING)
        if original is MISSING or texts.parse(path, texts.after[path]).value != {}:
            continue
        if original is None:
            removed_files.append(path)
        else:
            texts.after[path] = original
        claude["files"].pop(str(path), None)
    for path in texts.changed() + removed_files:
        if path in removed_files:
            result.diffs.append(_diff(path, texts.before[path], None, where.home, where.project))
        else:
            result.diffs.append(_diff(path, texts.before[path], texts.after[path], where.home, where.project))
    result.files_removed = removed_files
    if not write:
        return
    for path in texts.changed():
        if path not in removed_files:
            write_atomic(_target(path), texts.after[path].encode("utf-8"))
    for path in removed_files:
        _target(path).unlink(missing_ok=True)
    for directory in sorted(claude["dirs"], key=len, reverse=True):
        try:
            os.rmdir(directory)
        except FileNotFoundError:
            pass
        except OSError:
            continue  # not empty: something else lives there now
        claude["dirs"].remove(directory)
