"""The managed block of a Markdown file that people also write (``AGENTS.md``, ``GEMINI.md``).

hsync owns only the text between ``<!-- hsync:begin -->`` and ``<!-- hsync:end -->``; text
outside stays byte for byte. A new file holds only the block; a block removed from a file that
then holds nothing else removes the file.
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
        return text.rstrip("\n") + "\n\n" + block
    return text[: span[0]] + block + text[span[1] :]


def remove(text: str) -> str | None:
    """``text`` without its block; None when nothing but blank space would be left."""
    span = find(text)
    if span is None:
        return text
    before, after = text[: span[0]], text[span[1] :]
    if before.endswith("\n\n") and not after.strip():
        before = before[:-1]
    result = before + after
    return result if result.strip() else None
