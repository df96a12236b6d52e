"""Secret values in what a run writes: the literal environment values and header values of MCP
servers (``env``, ``headers``, ``http_headers``…). A reference such as ``${TOKEN}`` or
``{env:TOKEN}`` is not a secret (the harness reads the variable at run time); a literal token
copied from ``~/.claude.json`` is.

A file that receives one is written owner-only (0600), and the diffs of ``--dry-run`` and
``diff`` show it as ``***``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ..models import Change

SECRET_KEYS = frozenset({"env", "environment", "headers", "http_headers", "env_http_headers"})
_REFERENCES = re.compile(r"\$\{[^}]+\}|\{env:[^}]+\}|^\$[A-Za-z_][A-Za-z0-9_]*$")
MIN_LENGTH = 6  # shorter values ("1", "true") are settings, not credentials
MASK = "***"


def secret_values(changes: Iterable[Change]) -> frozenset[str]:
    """The literal secret strings in the MCP outputs of ``changes``."""
    found: set[str] = set()
    for change in changes:
        output = change.output
        if output is None or change.kind != "mcp":
            continue
        _collect(getattr(output, "value", None), False, found)
    return frozenset(found)


def _collect(value: Any, inside: bool, found: set[str]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _collect(item, inside or str(key) in SECRET_KEYS, found)
    elif isinstance(value, list):
        for item in value:
            _collect(item, inside, found)
    elif inside and isinstance(value, str) and _is_literal(value):
        found.add(value)


def _is_literal(value: str) -> bool:
    """``Bearer ${KEY}`` and ``${TOKEN}`` are references; ``Bearer abc123…`` is a literal."""
    rest = _REFERENCES.sub("", value).strip()
    words = [w for w in rest.split() if w.lower() not in ("bearer", "token", "basic")]
    return len("".join(words)) >= MIN_LENGTH


def holds_secret(data: bytes | None, secrets: frozenset[str]) -> bool:
    if not data or not secrets:
        return False
    text = data.decode("utf-8", "replace")
    return any(secret in text for secret in secrets)


def mask(text: str, secrets: frozenset[str]) -> str:
    for secret in sorted(secrets, key=len, reverse=True):
        text = text.replace(secret, MASK)
    return text
