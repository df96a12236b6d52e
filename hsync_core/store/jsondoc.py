"""Small JSON documents in ``$HSYNC_HOME`` that several processes update (the project registry,
notifications, the schedule): read them, or change them under a file lock and replace them
atomically, so that a daemon, a hook and a command never lose each other's updates."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..errors import InvalidInput
from ..files.atomicio import write_atomic

_JSON_NAMES = {dict: "object", list: "array", int: "number", str: "string"}


class JsonDocument:
    def __init__(self, path: Path, *, default: Callable[[], dict[str, Any]], keep_corrupt: bool = False):
        self.path = path
        self._default = default
        #: True: a corrupt file is set aside (``<name>.corrupt``) and replaced by the default;
        #: False: it is an error naming the file (the user must look at it)
        self.keep_corrupt = keep_corrupt

    def read(self) -> dict[str, Any]:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return self._default()
        except (OSError, UnicodeDecodeError) as exc:
            return self._broken(f"cannot read: {getattr(exc, 'strerror', None) or exc}")
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            return self._broken(f"invalid JSON: {exc.msg}", exc.lineno)
        if not isinstance(data, dict):
            return self._broken("invalid JSON: expected an object")
        for key, value in self._default().items():  # the default's keys must keep their types
            if key in data and not isinstance(data[key], type(value)):
                return self._broken(
                    f"{key!r} must be a JSON {_JSON_NAMES.get(type(value), type(value).__name__)}"
                )
        return data

    def _broken(self, problem: str, line: int | None = None) -> dict[str, Any]:
        if not self.keep_corrupt:
            raise InvalidInput(self.path, problem, line)
        with contextlib.suppress(OSError):
            os.replace(self.path, self.path.with_name(self.path.name + ".corrupt"))
        return self._default()

    @contextlib.contextmanager
    def update(self) -> Iterator[dict[str, Any]]:
        """Yield the document for changing; it is written back (atomically) when the block ends."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        lock_path = self.path.with_name(f".{self.path.name}.lock")
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            data = self.read()
            before = json.dumps(data, sort_keys=True)
            yield data
            if json.dumps(data, sort_keys=True) != before:
                self.write(data)
        finally:
            os.close(fd)  # closing releases the lock

    def write(self, data: dict[str, Any]) -> None:
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        write_atomic(self.path, text.encode("utf-8"), private=True)
