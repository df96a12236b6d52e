"""The managed block of a Markdown file that people also write (``AGENTS.md``, ``GEMINI.md``).

hsync owns only the text between ``<!-- hsync:begin -->`` and ``<!-- hsync:end -->``; text
outside stays byte for byte. A new file holds only the block; a block removed from a file that
then holds nothing else removes the file.

A block appended to a file is separated from the text so that removing it gives back the file's
exact bytes: a file ending in one newline gets one blank line before the block, a file without a
final newline two, and a file ending in n ≥ 2 newlines n + 1 (so the newlines before an appended
block say how many the file had: 2 → 1, 3 → 0, n ≥ 4 → n - 2).
"""

from __future__ import annotations

BEGIN = "<!-- hsync:begin -->"
END = "<!-- hsync:end -->"


class BlockError(ValueError):
    pass


def find(text: str) -> tuple[int, int] | None:
    """(start, end) of the whole block including markers and the newline after END, or None."""
    begins = text.count(BEGIN)
    ends = text.count(END)
    if begins == 0 and ends == 0:
        return None
    if begins != 1 or ends != 1:
        raise BlockError(f"expected one hsync block, found {begins} begin and {ends} end marker(s)")
    start = text.index(BEGIN)
    end = text.index(END)
    if end < start:
        raise BlockError("the hsync end marker comes before the begin marker")
    end += len(END)
    if text.startswith("\n", end):
        end += 1
    return start, end


def inner(text: str) -> str | None:
    """The content of the block (what hsync wrote), or None when the file has none."""
    span = find(text)
    if span is None:
        return None
    block = text[span[0] : span[1]]
    body = block[len(BEGIN) :]
    body = body[: body.rindex(END)]
    return body[1:] if body.startswith("\n") else body


def render(content: str) -> str:
    content = content if content.endswith("\n") or not content else content + "\n"
    return f"{BEGIN}\n{content}{END}\n"


def put(text: str | None, content: str) -> str:
    """``text`` with its block set to ``content`` (appended after the text when it had none)."""
    block = render(content)
    if not text or not text.strip():
        return block
    span = find(text)
    if span is None:
        return text + _separator(_trailing_newlines(text)) + block
    return text[: span[0]] + block + text[span[1] :]


def _trailing_newlines(text: str) -> int:
    return len(text) - len(text.rstrip("\n"))


def _separator(newlines: int) -> str:
    """What goes between a file ending in ``newlines`` newlines and an appended block."""
    return {0: "\n\n\n", 1: "\n"}.get(newlines, "\n\n")


def _original_newlines(newlines: int) -> int:
    """How many newlines a file ended with, given the newlines before an appended block."""
    return {2: 1, 3: 0}.get(newlines, max(newlines - 2, 1) if newlines >= 4 else newlines)


def remove(text: str) -> str | None:
    """``text`` without its block; None when nothing but blank space would be left."""
    span = find(text)
    if span is None:
        return text
    before, after = text[: span[0]], text[span[1] :]
    if not after and before.strip():  # an appended block: undo the separator exactly
        newlines = _trailing_newlines(before)
        before = before[: len(before) - newlines] + "\n" * _original_newlines(newlines)
    result = before + after
    return result if result.strip() else None
