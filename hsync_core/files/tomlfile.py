"""Entries (tables and keys) inside a TOML file the user also edits, changed with tomlkit.

Only the owned keys change: comments, key order, the user's own tables, profiles and top-level
keys stay byte for byte. Reading for hashes uses the standard library's ``tomllib``; tomlkit is
imported only when a file must be changed.
"""

from __future__ import annotations

import tomllib
from typing import Any

MISSING = object()


def parse(text: str) -> dict[str, Any]:
    """Parse for reading; raises ``ValueError`` with the parser's message."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"invalid TOML: {exc}") from None


def lookup(data: dict[str, Any], key: tuple[str, ...]) -> Any:
    value: Any = data
    for part in key:
        if not isinstance(value, dict) or part not in value:
            return MISSING
        value = value[part]
    return value


def _item(value: Any, *, top: bool) -> Any:
    import tomlkit

    if isinstance(value, dict):
        if top:
            table = tomlkit.table()
            for k, v in value.items():
                table.add(k, _item(v, top=False))
            return table
        inline = tomlkit.inline_table()
        for k, v in value.items():
            inline[k] = _item(v, top=False)
        return inline
    if isinstance(value, (list, tuple)):
        array = tomlkit.array()
        for v in value:
            array.append(_item(v, top=False))
        return array
    if isinstance(value, str) and "\n" in value:
        return tomlkit.string(value, multiline=True)
    return value


def apply(text: str, sets: dict[tuple[str, ...], Any], deletes: list[tuple[tuple[str, ...], int]]) -> str:
    """Return ``text`` with every key of ``sets`` set and every ``(key, prune)`` of ``deletes`` removed.

    ``prune``: up to that many enclosing tables are removed too when the deletion empties them
    (the tables hsync created along with the key).
    """
    import tomlkit

    doc = tomlkit.parse(text)
    for key, prune in deletes:
        container: Any = doc
        for part in key[:-1]:
            if part not in container:
                container = None
                break
            container = container[part]
        if container is not None and key[-1] in container:
            del container[key[-1]]
            _drop_empty_parents(doc, key[:-1], prune)
    for key, value in sets.items():
        container = doc
        for part in key[:-1]:
            if part not in container:
                container[part] = tomlkit.table(is_super_table=True)
            container = container[part]
        item = _item(value, top=True)
        if key[-1] not in container and isinstance(item, tomlkit.items.Table):
            item.add(tomlkit.nl())  # a blank line before whatever table follows
        # item assignment also works on the proxy tomlkit returns for tables split by others
        container[key[-1]] = item
    result = tomlkit.dumps(doc)
    if result.endswith("\n\n") and not text.endswith("\n\n"):
        result = result.rstrip("\n") + "\n"
    if result and not result.endswith("\n"):
        result += "\n"
    return result


def _drop_empty_parents(doc: Any, parents: tuple[str, ...], prune: int) -> None:
    while parents and prune > 0:
        container: Any = doc
        for part in parents[:-1]:
            container = container[part]
        if len(container[parents[-1]]) != 0:
            return
        del container[parents[-1]]
        parents = parents[:-1]
        prune -= 1
