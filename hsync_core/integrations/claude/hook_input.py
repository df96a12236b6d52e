"""What a Claude Code hook gets: the JSON payload on stdin (read with a deadline, so a hook never
hangs), the file a tool edited, and the project the call is about."""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

#: how long to wait for the payload on stdin (Claude Code writes it at once and closes the pipe)
PAYLOAD_WAIT = 0.5


class HookInputError(ValueError):
    """The hook's stdin is empty or not a JSON object."""


# ----------------------------------------------------------------------------------- input


def read_stdin(timeout: float = PAYLOAD_WAIT, stream: Any = None) -> str:
    """What the hook got on stdin: read until end of file, for at most ``timeout`` seconds.

    A terminal or a closed stdin gives ``""``; so does a pipe nobody writes to, once the time is
    up (a hook must never hang).
    """
    stream = sys.stdin if stream is None else stream
    try:
        fd = stream.fileno()
        if os.isatty(fd):
            return ""
    except (AttributeError, OSError, ValueError):
        return ""
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    with selectors.DefaultSelector() as selector:
        try:
            selector.register(fd, selectors.EVENT_READ)
        except (OSError, ValueError):  # a regular file (stdin < file) cannot be polled
            with contextlib.suppress(OSError):
                return os.read(fd, 1 << 24).decode("utf-8", "replace")
            return ""
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not selector.select(remaining):
                break
            try:
                data = os.read(fd, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
    return b"".join(chunks).decode("utf-8", "replace")


def parse_payload(text: str) -> dict[str, Any]:
    """The hook's JSON object; :class:`HookInputError` when stdin was empty or not an object."""
    if not text.strip():
        raise HookInputError("no hook input on stdin (expected Claude Code's hook JSON)")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise HookInputError(f"hook input on stdin is not JSON ({exc.msg}, line {exc.lineno})") from None
    if not isinstance(data, dict):
        raise HookInputError(f"hook input on stdin is a JSON {type(data).__name__}, not an object")
    return data


def edited_path(payload: Mapping[str, Any]) -> str | None:
    """The file an ``Edit``/``Write``/``MultiEdit`` changed (``tool_input.file_path``)."""
    tool_input = payload.get("tool_input")
    if not isinstance(tool_input, dict):
        return None
    value = tool_input.get("file_path") or tool_input.get("notebook_path")
    return value if isinstance(value, str) and value else None


# --------------------------------------------------------------------------------- where


def project_for(
    payload: Mapping[str, Any], environ: Mapping[str, str], home: Path, option: str | None = None
) -> Path | None:
    """The project of this hook call, found like ``hsync`` finds it from a directory: the
    ``--project`` option, else ``$CLAUDE_PROJECT_DIR``, else the payload's ``cwd``, else the
    current directory; then the git root above it. The home directory is not a project."""
    start = option or environ.get("CLAUDE_PROJECT_DIR") or text_value(payload.get("cwd")) or os.getcwd()
    directory = Path(start).expanduser()
    if not directory.is_dir():
        return None
    directory = directory.resolve()
    project = next((p for p in (directory, *directory.parents) if (p / ".git").exists()), directory)
    if project == home.resolve() or project == Path(project.anchor):
        return None
    return project


def text_value(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None
