"""Tolerant YAML front matter, the way Claude Code reads it.

Claude accepts front matter that strict YAML rejects: ``argument-hint: [type] [scope]`` (a flow
list followed by more text) or ``description: Use when: the user asks``. We parse the block with
PyYAML; where that fails, each top-level key is parsed on its own and a value YAML cannot read is
kept as the text it is (a value over several lines folded into one line: ``claude plugin
validate`` calls such an unquoted multi-line description containing ``: `` a YAML error, yet
users write it, and its text is plainly meant as the description). The common shapes (``key:
value`` lines, simple lists, and those two) are read without YAML, to the same result: reading
a setup, as the hooks do, does not load PyYAML.
"""

from __future__ import annotations

import re
from typing import Any

_FENCE = "---"
_SIMPLE_LINE = re.compile(r"^([A-Za-z_][\w-]*):(?:[ \t]+(.*?))?[ \t]*$")
_PLAIN_SCALAR = re.compile(r"""^[^\s\[\]{}&*!|>'"%@`#,?:-][^#]*$""")
_INT = re.compile(r"^[-+]?(?:0|[1-9]\d*)$")
_FLOW_LIST = re.compile(r"^\[([^\[\]{}'\"#&*!|>%@`]*)\]$")
#: ``[type] [scope]``: bracket groups one after the other, which YAML rejects (kept as text)
_BRACKET_WORDS = re.compile(r"^\[[^\[\]{}'\"#&*!|>%@`]*\](?:[ \t]+\[[^\[\]{}'\"#&*!|>%@`]*\])+$")
_QUOTED = re.compile(r"""^(?:"[^"\\]*"|'[^']*')$""")
_LIST_ITEM = re.compile(r"^[ \t]*-[ \t]+(.*?)[ \t]*$")
#: plain scalars PyYAML's resolver turns into something other than text or a decimal integer
#: (floats, octal, sexagesimal, dates, yes/no/on/off, ``=``, ``<<``): left to YAML
_RESOLVED = re.compile(r"^(?:[-+.0-9=<]|(?:yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)$)")


class FrontMatterError(ValueError):
    """The front matter cannot be read at all; ``line`` is 1-based within the file."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


def split(text: str) -> tuple[str | None, str, int]:
    """Split ``text`` into (front matter or None, body, line number where the body starts)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if not (text.startswith("---\n") or text.startswith("---\r\n") or text == "---"):
        return None, text, 1
    lines = text.splitlines(keepends=True)
    for index in range(1, len(lines)):
        if lines[index].rstrip("\r\n") == _FENCE:
            block = "".join(lines[1:index])
            body = "".join(lines[index + 1 :])
            return block, body, index + 2
    raise FrontMatterError("front matter starts with '---' but has no closing '---'", 1)


def _scalar(value: str) -> Any:
    if value in ("", "~", "null", "Null", "NULL"):
        return None
    if value in ("true", "True", "TRUE"):
        return True
    if value in ("false", "False", "FALSE"):
        return False
    if _INT.match(value):
        return int(value)
    return value


_NOT_SIMPLE = object()


def _value(text: str) -> Any:
    """One value as YAML reads it, or ``_NOT_SIMPLE`` when only YAML can say."""
    if _QUOTED.match(text):
        return text[1:-1]
    if text in ("", "~") or _INT.match(text):
        return _scalar(text)
    if not _PLAIN_SCALAR.match(text) or ": " in text or text.endswith(":") or " #" in text:
        return _NOT_SIMPLE
    if _RESOLVED.match(text):
        return _NOT_SIMPLE
    return _scalar(text)


def _fast(block: str) -> dict[str, Any] | None:
    """Parse the common shapes of front matter without YAML, exactly as :func:`parse` would with
    it; None when the block is anything else. The shapes: ``key: value`` lines of plain or
    simply quoted scalars, ``[a, b]`` flow lists of plain words, block lists of such scalars
    (``paths:`` then ``- item`` lines), and the two values Claude Code accepts but YAML rejects
    (a plain value with ``: `` inside, ``[type] [scope]``), which :func:`parse` keeps as text."""
    data: dict[str, Any] = {}
    lines = block.splitlines()
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if not line.strip():
            continue
        match = _SIMPLE_LINE.match(line)
        if not match:
            return None
        key, value = match.group(1), match.group(2) or ""
        if _scalar(key) is not key or _RESOLVED.match(key):  # `on:`, `null:`: YAML's keys
            return None
        if not value:  # a block list may follow
            items = []
            while index < len(lines) and (item := _LIST_ITEM.match(lines[index])):
                parsed = _value(item.group(1))
                if parsed is _NOT_SIMPLE or not item.group(1):
                    return None
                items.append(parsed)
                index += 1
            data[key] = items if items else None
            continue
        flow = _FLOW_LIST.match(value)
        if flow:  # [a, b]: a flow list of plain words
            words = [w.strip() for w in flow.group(1).split(",")] if flow.group(1).strip() else []
            parsed_words = [_value(w) for w in words]
            if any(
                not w or p is _NOT_SIMPLE or _QUOTED.match(w)
                for w, p in zip(words, parsed_words, strict=True)
            ):
                return None
            data[key] = parsed_words
            continue
        parsed = _value(value)
        if parsed is _NOT_SIMPLE:
            if _BRACKET_WORDS.match(value) or (
                _PLAIN_SCALAR.match(value) and ": " in value and not value.endswith(":") and " #" not in value
            ):
                parsed = value  # YAML rejects it; parse() keeps the text
            else:
                return None
        data[key] = parsed
    return data


def _yaml_load(text: str) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)


def _entries(block: str) -> list[tuple[int, str, str]]:
    """Top-level ``key:`` entries with their continuation lines: (line index, key, raw text)."""
    entries: list[tuple[int, str, str]] = []
    for index, line in enumerate(block.splitlines()):
        if line[:1] not in (" ", "\t", "#", "") and not line.startswith("- "):
            key, sep, _ = line.partition(":")
            if not sep or not key.strip():
                raise FrontMatterError(f"expected 'key: value', found {line.strip()!r}", index + 2)
            entries.append((index, key.strip(), line))
        elif entries:
            i, key, raw = entries[-1]
            entries[-1] = (i, key, raw + "\n" + line)
        elif line.strip() and not line.lstrip().startswith("#"):
            raise FrontMatterError(f"unexpected indented line {line.strip()!r}", index + 2)
    return entries


def parse(block: str) -> dict[str, Any]:
    """Parse a front matter block into a dict, tolerantly (see the module docstring)."""
    fast = _fast(block)
    return fast if fast is not None else parse_with_yaml(block)


def parse_with_yaml(block: str) -> dict[str, Any]:
    """:func:`parse` always through PyYAML (what the fast path must equal)."""
    import yaml

    try:
        data = _yaml_load(block)
    except yaml.YAMLError:
        data = None
        failed = True
    else:
        failed = False
    if not failed:
        if data is None:
            return {}
        if not isinstance(data, dict):
            raise FrontMatterError("front matter is not a mapping of keys to values", 2)
        return {str(k): v for k, v in data.items()}
    result: dict[str, Any] = {}
    for index, key, raw in _entries(block):
        try:
            value = _yaml_load(raw)
        except yaml.YAMLError:
            text = raw.split(":", 1)[1].strip()
            if "\n" in text and text[:1] in "[{\"'|>&*!%@`":
                raise FrontMatterError(f"cannot read the value of {key!r}", index + 2) from None
            # an unquoted value over several lines with ': ' inside (common in agent collections):
            # kept as its text, the lines folded into one as YAML folds a plain scalar
            result[key] = _unquote(" ".join(line.strip() for line in text.splitlines() if line.strip()))
            continue
        if isinstance(value, dict) and key in value:
            result[key] = value[key]
        else:
            result[key] = raw.split(":", 1)[1].strip()
    return result


def _unquote(text: str) -> str:
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    return text


def read(text: str) -> tuple[dict[str, Any], str]:
    """Front matter (empty when there is none) and body of ``text``."""
    block, body, _ = split(text)
    if block is None:
        return {}, body
    return parse(block), body


# ------------------------------------------------------------------------ value normalisation


def as_text(value: Any) -> str | None:
    """A front matter value as one string: lists (``argument-hint: [x]``) become ``[x]`` words."""
    if value is None:
        return None
    if isinstance(value, list):
        return " ".join(f"[{as_text(v)}]" if not isinstance(v, list) else as_text(v) or "" for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def as_list(value: Any) -> tuple[str, ...]:
    """A tool list as names: ``Read, Grep`` / ``Read Grep`` / a YAML list; commas inside ``( )`` kept."""
    if value is None:
        return ()
    if isinstance(value, list):
        parts: list[str] = []
        for v in value:
            parts.extend(as_list(v) if isinstance(v, str) and "," in v else [str(v).strip()])
        return tuple(p for p in parts if p)
    text = str(value)
    parts, depth, current = [], 0, []
    for char in text:
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        if depth == 0 and (char == "," or (char.isspace() and "," not in text)):
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return tuple(p.strip() for p in parts if p.strip())
