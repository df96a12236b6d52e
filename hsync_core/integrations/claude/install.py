"""``hsync integrate claude``: install hsync's own Claude Code plugin, and remove exactly that.

The plugin ships inside this package (``plugin/``, a local marketplace named ``hsync``
holding the plugin ``hsync``) and is registered in place, as Claude Code registers a directory
marketplace. hsync writes the entries ``claude plugin marketplace add DIR`` and ``claude plugin
install hsync@hsync`` would write, but edits them into the files itself: Claude Code rewrites a
whole ``settings.json`` in its own format and key order, while hsync changes only its own keys,
so that ``--uninstall`` leaves each file byte for byte as it was.

What one install (scope ``user``, or ``project`` for one project) adds:

- ``~/.claude/settings.json`` (``$CLAUDE_CONFIG_DIR/settings.json`` when the variable is set, as
  for every ``~/.claude`` file below): ``extraKnownMarketplaces.hsync`` (a directory source);
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
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ...errors import InvalidInput
from ...files.atomicio import write_atomic
from ...sources.locations import claude_locations
from .entries import (
    MISSING,
    Result,
    Texts,
    Want,
    Where,
    claude_record,
    edit_id,
    file_diff,
    key_text,
    now_text,
    record_document,
    same_value,
    wanted_ids,
    wants,
)

# ------------------------------------------------------------------------------ install


def _where(home: Path, project: Path | None, environ: Mapping[str, str] | None) -> Where:
    """The files to edit: Claude Code's user folder is ``$CLAUDE_CONFIG_DIR`` when set (Claude
    Code then reads its settings and plugin registry there, not in ``~/.claude``)."""
    return Where(home, project, claude_locations(home, environ or {}).config_dir)


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
    nothing to change). ``own`` holds the earlier edits hsync recorded (by :func:`edit_id`)."""
    current = texts.value(want.file, want.key)
    earlier = own.get(want.id)
    if want.only_if_missing:
        if current is not MISSING:
            return None
        prune = texts.missing_parents(want.file, want.key)
        texts.set(want.file, want.key, want.value)
        return {"file": str(want.file), "key": list(want.key), "value": want.value, "prune": prune}
    if not want.element:
        if same_value(current, want.value):
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
        if same_value(present, want.value):
            return None
        if earlier is None or not same_value(present, earlier["value"]):
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
    *,
    home: Path,
    hsync_home: Path,
    scope: str,
    project: Path | None,
    dry_run: bool = False,
    environ: Mapping[str, str] | None = None,
) -> Result:
    """Install the plugin for ``scope``; idempotent. Raises :class:`InvalidInput` (nothing
    written) when a file it must edit is broken."""
    where = _where(home, project, environ)
    scope_key = where.scope_key(scope)
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
    claude = claude_record(data)
    record = claude["scopes"].get(scope_key) or {"edits": []}
    # what hsync set before, for any scope (the marketplace entries are shared by all scopes)
    own = {edit_id(e): e for held in claude["scopes"].values() for e in held.get("edits", [])}
    texts = Texts()
    edits = []
    for want in wants(where, scope):
        edit = _apply_want(texts, want, own)
        if edit is not None:
            edits.append(edit)
            result.added.append((want.file, want.key))
    changed = texts.changed()
    for path in changed:
        result.diffs.append(file_diff(path, texts.before[path], texts.after[path], where.home, where.project))
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
    record.setdefault("since", now_text())
    record.update(where.describe())
    claude["scopes"][scope_key] = record
    for edit in edits:  # an edit replaces the earlier record of the same key, wherever it is held
        holder = next(
            (r for r in claude["scopes"].values() if any(edit_id(e) == edit_id(edit) for e in r["edits"])),
            record,
        )
        holder["edits"] = [e for e in holder["edits"] if edit_id(e) != edit_id(edit)] + [edit]


# ------------------------------------------------------------------------------ uninstall


def uninstall(
    *,
    home: Path,
    hsync_home: Path,
    scope: str,
    project: Path | None,
    dry_run: bool = False,
    environ: Mapping[str, str] | None = None,
) -> Result:
    """Remove what :func:`install` added for ``scope`` and nothing else."""
    where = _where(home, project, environ)
    scope_key = where.scope_key(scope)
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
        if not same_value(current[index], edit["value"]):
            result.left.append((path, key, "the entry changed since hsync added it"))
            return False
        rest = current[:index] + current[index + 1 :]
        if rest or not edit.get("created_key"):
            texts.set(path, key, rest)
        else:
            texts.delete(path, key, edit.get("prune", 0))
        result.removed.append((path, key))
        return bool(rest)
    if not same_value(current, edit["value"]):
        result.left.append((path, key, "changed since hsync set it"))
        return False
    if "before" in edit:
        texts.set(path, key, edit["before"])
    else:
        texts.delete(path, key, edit.get("prune", 0))
    result.removed.append((path, key))
    return False


def _uninstall(where: Where, scope_key: str, data: dict[str, Any], result: Result, *, write: bool) -> None:
    claude = claude_record(data)
    record = claude["scopes"].pop(scope_key, None)
    if record is None:
        return
    result.was_installed = True
    texts = Texts()
    for edit in record.get("edits", []):
        heir = next(
            (k for k, held in claude["scopes"].items() if edit_id(edit) in wanted_ids(where, k, held)),
            None,
        )
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
            result.diffs.append(file_diff(path, texts.before[path], None, where.home, where.project))
        else:
            result.diffs.append(
                file_diff(path, texts.before[path], texts.after[path], where.home, where.project)
            )
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
