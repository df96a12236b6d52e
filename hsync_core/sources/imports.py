"""Claude Code ``@path`` imports in memory files, resolved and inlined.

Rules (Claude Code's memory docs): ``@path`` anywhere in the text; relative paths resolve against
the importing file, ``~/`` against the home directory, absolute paths as they are; nested imports
up to a depth of 5; ``@`` inside inline code spans or fenced code blocks is not an import. An
``@word`` that names no file is ordinary text (``@someone``) and stays as it is. A cycle or a chain
deeper than 5 is reported and the offending ``@path`` left as text.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..files.witness import probe

MAX_DEPTH = 5
_IMPORT = re.compile(r"(?<![\w@`/\\])@((?:~/|/|\./|\.\./)?[\w.~-][\w./~+-]*)")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:.|\n)*?(?<!`)\1(?!`)")


class ImportProblem(Exception):
    pass


def _resolve(token: str, base: Path, home: Path) -> Path:
    if token.startswith("~/"):
        return home / token[2:]
    path = Path(token)
    return path if path.is_absolute() else base / path


def _masked(line: str) -> str:
    """``line`` with inline code spans blanked out (same length), so no import is found there."""
    return _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)


def resolve_imports(
    text: str, origin: Path, home: Path, *, _stack: tuple[Path, ...] = ()
) -> tuple[str, list[Path], list[str]]:
    """Return ``text`` with imports inlined, the files inlined, and problems found (one line each)."""
    stack = (*_stack, origin.resolve())
    imported: list[Path] = []
    problems: list[str] = []
    out: list[str] = []
    fence: str | None = None
    for line in text.splitlines(keepends=True):
        fence_match = _FENCE.match(line)
        if fence is not None:
            if (
                fence_match
                and fence_match.group(1)[0] == fence[0]
                and len(fence_match.group(1)) >= len(fence)
            ):
                fence = None
            out.append(line)
            continue
        if fence_match:
            fence = fence_match.group(1)
            out.append(line)
            continue
        if "@" not in line:
            out.append(line)
            continue
        out.append(_inline_line(line, origin, home, stack, imported, problems))
    return "".join(out), imported, problems


def _inline_line(
    line: str, origin: Path, home: Path, stack: tuple[Path, ...], imported: list[Path], problems: list[str]
) -> str:
    masked = _masked(line)
    pieces: list[str] = []
    last = 0
    for match in _IMPORT.finditer(masked):
        token = match.group(1).rstrip(".,;:)")
        target = _resolve(token, origin.parent, home)
        probe(target)
        try:
            is_file = target.is_file()
        except OSError:
            is_file = False
        if not is_file:
            continue
        resolved = target.resolve()
        end = match.start(1) + len(token)
        if resolved in stack:
            chain = " -> ".join(p.name for p in (*stack, resolved))
            problems.append(f"{origin}: import cycle {chain}; @{token} left as text")
            continue
        if len(stack) > MAX_DEPTH:
            problems.append(f"{origin}: imports nested deeper than {MAX_DEPTH}; @{token} left as text")
            continue
        try:
            content = target.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(f"{target}: cannot read import ({exc.__class__.__name__}); @{token} left as text")
            continue
        inner, nested, inner_problems = resolve_imports(content, target, home, _stack=stack)
        imported.append(resolved)
        imported.extend(nested)
        problems.extend(inner_problems)
        pieces.append(line[last : match.start()])
        standalone = not line[: match.start()].strip() and not line[end:].strip()
        inner = inner.rstrip("\n")
        pieces.append(inner + ("\n" if standalone and line.endswith("\n") else ""))
        last = len(line) if standalone else end
    if not pieces:
        return line
    pieces.append(line[last:])
    return "".join(pieces)
