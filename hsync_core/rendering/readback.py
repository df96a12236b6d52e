"""Helpers for ``read_target`` (reading a harness's files back into items) that adapters share:
the managed instructions block as a :class:`Rule`, and telling a literal credential from a value.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..files import markdown
from ..models import HarnessEntry, Rule

#: names of keys whose literal values are credentials (``GITHUB_TOKEN``, ``Authorization``, …)
_SECRET_NAME = re.compile(
    r"(token|secret|passw|api[_-]?key|apikey|auth|credential|private[_-]?key|pat$)", re.I
)
#: values that are credentials whatever their key (well-known token prefixes, long opaque strings)
_SECRET_VALUE = re.compile(
    r"^(Bearer\s+\S+|gh[pousr]_[A-Za-z0-9]{16,}|github_pat_\w{20,}|sk-[A-Za-z0-9_-]{16,}|xox[abpr]-\S+|AKIA[0-9A-Z]{16})$"
)
_REFERENCE = re.compile(r"^\$\{[A-Za-z_][A-Za-z0-9_]*(:-[^}]*)?\}$")


def looks_secret(key: str, value: str) -> bool:
    """True when ``value`` (under ``key``) is a literal credential, not a ``${VAR}`` reference."""
    if not value or _REFERENCE.match(value) or "${" in value:
        return False
    return bool(_SECRET_NAME.search(key) or _SECRET_VALUE.match(value.strip()))


def secret_variable(server: str, key: str) -> str:
    """The variable a credential becomes: the key itself when it is a variable name
    (``GITHUB_TOKEN``), else ``<SERVER>_<KEY>`` in upper case (``LINEAR_AUTHORIZATION``)."""
    if re.fullmatch(r"[A-Z_][A-Z0-9_]*", key):
        return key
    name = re.sub(r"[^A-Za-z0-9]+", "_", f"{server}_{key}").strip("_").upper()
    return name if not name[:1].isdigit() else f"_{name}"


def read_instruction_block(path: Path, root: Path, level: str) -> HarnessEntry | None:
    """The managed block of ``path`` (``AGENTS.md``, ``GEMINI.md``) as a :class:`Rule`; None when
    the file is missing, unreadable or has no (or a broken) block."""
    try:
        text = path.read_text(encoding="utf-8")
        content = markdown.inner(text)
    except (OSError, UnicodeDecodeError, markdown.BlockError):
        return None
    if content is None:
        return None
    rule = Rule(name=path.name, scope=level, level=level, origin=path, text=content)
    return HarnessEntry(item=rule, path=path, root=root, style="block")
