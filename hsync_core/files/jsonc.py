"""Edit keys of a JSON or JSONC file in place, keeping everything else byte for byte.

Gemini's ``settings.json`` and OpenCode's ``opencode.json(c)`` are files people write by hand,
with their own key order, indentation and (both harnesses accept them) ``//`` and ``/* */``
comments and trailing commas. Re-serialising such a file would lose all that, so this module
parses it into nodes that remember where each value sits in the text and changes only the
spans of the keys hsync owns: replacing a value, inserting a member after the last one of its
object with the file's own indentation, or removing a member with its comma.
"""

from __future__ import annotations

import json
import re
from json.decoder import scanstring
from typing import Any

_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?")
_LITERALS = {"true": True, "false": False, "null": None}
MISSING = object()


class JsoncError(ValueError):
    def __init__(self, message: str, text: str, pos: int):
        self.line = text.count("\n", 0, pos) + 1
        self.column = pos - (text.rfind("\n", 0, pos) + 1) + 1
        self.message = message
        super().__init__(f"{message} (line {self.line}, column {self.column})")


class Node:
    """A parsed value: ``start``/``end`` delimit its text; objects keep their members in order."""

    __slots__ = ("end", "items", "members", "start", "value")

    def __init__(self, value: Any, start: int, end: int):
        self.value = value
        self.start = start
        self.end = end
        self.members: list[Member] | None = None
        self.items: list[Node] | None = None


class Member:
    __slots__ = ("key", "node", "start")

    def __init__(self, key: str, start: int, node: Node):
        self.key = key
        self.start = start  # where the key's opening quote is
        self.node = node


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.pos = 0

    def skip(self) -> None:
        text, n = self.text, len(self.text)
        while self.pos < n:
            char = text[self.pos]
            if char in " \t\r\n\ufeff":
                self.pos += 1
            elif text.startswith("//", self.pos):
                end = text.find("\n", self.pos)
                self.pos = n if end < 0 else end + 1
            elif text.startswith("/*", self.pos):
                end = text.find("*/", self.pos + 2)
                if end < 0:
                    raise JsoncError("unterminated /* comment", text, self.pos)
                self.pos = end + 2
            else:
                return

    def value(self) -> Node:
        self.skip()
        text, start = self.text, self.pos
        if start >= len(text):
            raise JsoncError("unexpected end of file", text, start)
        char = text[start]
        if char == "{":
            return self.obj()
        if char == "[":
            return self.array()
        if char == '"':
            try:
                value, end = scanstring(text, start + 1, True)
            except json.JSONDecodeError as exc:
                raise JsoncError(exc.msg, text, exc.pos) from None
            self.pos = end
            return Node(value, start, end)
        match = _NUMBER.match(text, start)
        if match:
            self.pos = match.end()
            raw = match.group(0)
            number = float(raw) if any(c in raw for c in ".eE") else int(raw)
            return Node(number, start, self.pos)
        for word, literal in _LITERALS.items():
            if text.startswith(word, start):
                self.pos = start + len(word)
                return Node(literal, start, self.pos)
        raise JsoncError(f"unexpected character {char!r}", text, start)

    def obj(self) -> Node:
        text, start = self.text, self.pos
        self.pos += 1
        members: list[Member] = []
        value: dict[str, Any] = {}
        while True:
            self.skip()
            if self.pos >= len(text):
                raise JsoncError("unterminated object", text, start)
            if text[self.pos] == "}":
                self.pos += 1
                break
            if text[self.pos] != '"':
                raise JsoncError("expected a quoted key", text, self.pos)
            key_start = self.pos
            try:
                key, self.pos = scanstring(text, self.pos + 1, True)
            except json.JSONDecodeError as exc:
                raise JsoncError(exc.msg, text, exc.pos) from None
            self.skip()
            if self.pos >= len(text) or text[self.pos] != ":":
                raise JsoncError("expected ':' after the key", text, self.pos)
            self.pos += 1
            node = self.value()
            members.append(Member(key, key_start, node))
            value[key] = node.value
            self.skip()
            if self.pos < len(text) and text[self.pos] == ",":
                self.pos += 1
            elif self.pos < len(text) and text[self.pos] != "}":
                raise JsoncError("expected ',' or '}'", text, self.pos)
        node = Node(value, start, self.pos)
        node.members = members
        return node

    def array(self) -> Node:
        text, start = self.text, self.pos
        self.pos += 1
        items: list[Node] = []
        while True:
            self.skip()
            if self.pos >= len(text):
                raise JsoncError("unterminated array", text, start)
            if text[self.pos] == "]":
                self.pos += 1
                break
            items.append(self.value())
            self.skip()
            if self.pos < len(text) and text[self.pos] == ",":
                self.pos += 1
            elif self.pos < len(text) and text[self.pos] != "]":
                raise JsoncError("expected ',' or ']'", text, self.pos)
        node = Node([i.value for i in items], start, self.pos)
        node.items = items
        return node


def parse(text: str) -> Node:
    """Parse JSON with comments and trailing commas; an empty file is an empty object."""
    if not text.strip():
        return Node({}, 0, 0)
    parser = _Parser(text)
    node = parser.value()
    parser.skip()
    if parser.pos != len(text):
        raise JsoncError("extra content after the top-level value", text, parser.pos)
    return node


def _no_constant(name: str) -> Any:
    raise ValueError(name)  # NaN and Infinity are not JSON: the full parser says where


def values(text: str) -> Node:
    """The values of ``text`` only (a root :class:`Node` without positions), for reading, not
    editing: plain JSON goes through the C decoder; comments, trailing commas or anything else
    it refuses through :func:`parse`, which gives the same values or the same error."""
    try:
        value = json.loads(text, parse_constant=_no_constant)
    except ValueError:
        return parse(text)
    return Node(value, 0, len(text))


def has_comments(text: str) -> bool:
    """True when ``text`` holds a comment outside strings."""
    i, n, in_string = 0, len(text), False
    while i < n:
        char = text[i]
        if in_string:
            if char == "\\":
                i += 2
                continue
            if char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif text.startswith("//", i) or text.startswith("/*", i):
            return True
        i += 1
    return False


def lookup(root: Node, key: tuple[str, ...]) -> Any:
    """The value at ``key`` (a path of object keys) or :data:`MISSING`."""
    value: Any = root.value
    for part in key:
        if not isinstance(value, dict) or part not in value:
            return MISSING
        value = value[part]
    return value


# ------------------------------------------------------------------------------------- editing


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _indent_of(text: str, pos: int) -> str:
    start = _line_start(text, pos)
    return text[start : start + len(text[start:pos]) - len(text[start:pos].lstrip(" \t"))]


def _indent_unit(text: str) -> str:
    match = re.search(r"\n([ \t]+)\S", text)
    return match.group(1) if match else "  "


def _dump(value: Any, indent: str, unit: str) -> str:
    text = json.dumps(value, indent=unit, ensure_ascii=False)
    return text.replace("\n", "\n" + indent)


def _find(root: Node, key: tuple[str, ...]) -> tuple[Node, int, Member | None]:
    """The deepest existing object along ``key``, how many parts it consumed, and the member."""
    node, depth = root, 0
    for part in key:
        if node.members is None:
            break
        member = next((m for m in node.members if m.key == part), None)
        if member is None:
            break
        depth += 1
        if depth == len(key):
            return node, depth, member
        node = member.node
    return node, depth, None


def set_value(text: str, key: tuple[str, ...], value: Any) -> str:
    """Return ``text`` with ``key`` set to ``value``; nothing else changes."""
    return apply(text, [(key, value)])


def apply(
    text: str, sets: list[tuple[tuple[str, ...], Any]], deletes: list[tuple[tuple[str, ...], int]] = ()
) -> str:
    """Return ``text`` with each ``(key, value)`` of ``sets`` set and each ``(key, prune)`` of
    ``deletes`` removed (see :func:`delete_value`), parsing the file once for all the sets."""
    for key, prune in deletes:
        text = delete_value(text, key, prune=prune)
    if not sets:
        return text
    if not text.strip():
        text = "{}\n"
    root = parse(text)
    if root.members is None:
        raise JsoncError("the top level is not an object", text, root.start)
    unit = _indent_unit(text)
    edits: list[tuple[int, int, str]] = []
    inserts: dict[int, tuple[Node, dict[str, Any]]] = {}
    for key, value in sets:
        parent, depth, member = _find(root, key)
        if member is not None:
            edits.append(
                (member.node.start, member.node.end, _dump(value, _indent_of(text, member.start), unit))
            )
            continue
        if parent.members is None:
            raise JsoncError(f"'{'.'.join(key[:depth])}' is not an object", text, parent.start)
        tree = inserts.setdefault(id(parent), (parent, {}))[1]
        rest = key[depth:]
        for part in rest[:-1]:
            tree = tree.setdefault(part, {})
        tree[rest[-1]] = value
    edits += [_insert(text, parent, list(tree.items()), unit) for parent, tree in inserts.values()]
    for start, end, new in sorted(edits, reverse=True):  # from the end, so positions stay valid
        text = text[:start] + new + text[end:]
    return text


def _member_text(key: str, value: Any, indent: str, unit: str) -> str:
    return f"{json.dumps(key, ensure_ascii=False)}: {_dump(value, indent, unit)}"


def _insert(text: str, obj: Node, items: list[tuple[str, Any]], unit: str) -> tuple[int, int, str]:
    """The edit (start, end, new text) that adds ``items`` after the last member of ``obj``."""
    members = obj.members or []
    if not members:
        base = _indent_of(text, obj.start)
        inner = base + unit
        bodies = ",\n".join(inner + _member_text(k, v, inner, unit) for k, v in items)
        return obj.start, obj.end, "{\n" + bodies + "\n" + base + "}"
    last = members[-1]
    if "\n" not in text[obj.start : obj.end]:  # a one-line object stays on one line
        compact = "".join(
            f", {json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}" for k, v in items
        )
        return last.node.end, last.node.end, compact
    indent = _indent_of(text, last.start)
    bodies = [indent + _member_text(k, v, indent, unit) for k, v in items]
    after = last.node.end
    comma = _next_significant(text, after)
    if comma is not None and text[comma] == ",":  # trailing-comma style: keep it
        eol = _end_of_line(text, comma + 1)
        return eol, eol, "".join("\n" + body + "," for body in bodies)
    eol = _end_of_line(text, after)
    return after, eol, "," + text[after:eol] + ",".join("\n" + body for body in bodies)


def _next_significant(text: str, pos: int) -> int | None:
    parser = _Parser(text)
    parser.pos = pos
    parser.skip()
    return parser.pos if parser.pos < len(text) else None


def _end_of_line(text: str, pos: int) -> int:
    """End of the line at ``pos`` when only blanks or a comment follow there, else ``pos``."""
    newline = text.find("\n", pos)
    end = len(text) if newline < 0 else newline
    rest = text[pos:end].strip()
    if not rest or rest.startswith("//") or (rest.startswith("/*") and rest.endswith("*/")):
        return end
    return pos


def delete_value(text: str, key: tuple[str, ...], *, prune: int = 0) -> str:
    """Return ``text`` without ``key`` (and its comma); unchanged when it is not there.

    ``prune``: up to that many enclosing objects are removed too when the deletion empties them
    (the objects hsync created along with the key).
    """
    text = _delete(text, key)
    for depth in range(1, min(prune, len(key) - 1) + 1):
        parent = key[:-depth]
        if lookup(parse(text), parent) != {}:
            break
        text = _delete(text, parent)
    return text


def _delete(text: str, key: tuple[str, ...]) -> str:
    root = parse(text)
    parent, _depth, member = _find(root, key)
    if member is None or parent.members is None:
        return text
    members = parent.members
    index = members.index(member)
    if len(members) == 1:
        return text[: parent.start] + "{}" + text[parent.end :]
    line_start = _line_start(text, member.start)
    own_line = not text[line_start : member.start].strip()
    comma = _next_significant(text, member.node.end)
    had_trailing = comma is not None and text[comma] == ","
    if index + 1 < len(members):
        nxt = members[index + 1].start
        next_line = _line_start(text, nxt)
        if own_line and next_line > member.node.end and not text[next_line:nxt].strip():
            return text[:line_start] + text[next_line:]
        return text[: member.start] + text[nxt:]
    prev = members[index - 1]
    if not own_line:  # inline: `{"a": 1, "b": 2}` loses `, "b": 2`
        end = comma + 1 if had_trailing else member.node.end
        start = member.start if had_trailing else prev.node.end
        return text[:start] + text[end:]
    # the last member on its own line(s): remove them, then the comma after the previous member
    end = _end_of_line(text, comma + 1 if had_trailing else member.node.end)
    if end < len(text) and text[end] == "\n":
        end += 1
    text = text[:line_start] + text[end:]
    prev_comma = _next_significant(text, prev.node.end)
    if not had_trailing and prev_comma is not None and text[prev_comma] == ",":
        text = text[:prev_comma] + text[prev_comma + 1 :]
    return text
