"""hsync's own configuration: ``$HSYNC_HOME/config.toml``, overridden by ``<project>/.hsync.toml``.

::

    targets = ["codex", "gemini"]      # which targets; default: every installed adapter
    kinds = ["rules", "skills", "agents", "commands", "mcp"]   # "settings", "hooks" are opt-in
    on_drift = "keep"                  # keep | overwrite

    [targets.codex]                    # per-target settings
    kinds = ["rules", "mcp"]           # narrows what this target receives
    exclude = ["mcp:internal-*", "skills:draft-*"]
    enabled = false                    # switch one target off
    adopt = true                       # let `hsync adopt codex` change the Claude Code source
    instructions = "reference"         # the project's AGENTS.md points to CLAUDE.md (default "copy")

    [daemon]                           # the daemon and the Claude Code hook
    debounce_ms = 500                  # coalesce bursts of changes over this window
    drift_check_minutes = 15           # check owned outputs for hand edits (0: never)
    sync_minutes = 0                   # also sync everything periodically (0: only on changes)

    [notifications]
    desktop = true                     # the daemon also shows drift, conflicts and failures on the desktop

TOML cannot hold ``targets`` as both a list and a table in one file, so a file uses one form: a
list names the enabled targets; a table configures targets one by one (all installed targets stay
enabled unless ``enabled = false``). An unknown key or a wrong type is an error naming the file
and the key.
"""

from __future__ import annotations

import fnmatch
import re
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from attrs import define, field, validators

from .errors import InvalidInput
from .files.witness import probe
from .kinds import DEFAULT_KINDS, KINDS

DRIFT_POLICIES = ("keep", "overwrite")
#: how the project's instruction file (AGENTS.md, GEMINI.md…) carries CLAUDE.md and the rules:
#: "copy" (their text) or "reference" (a short pointer to the files; an ``@file`` import where
#: the harness has imports), for when Claude Code itself reads that file too
INSTRUCTION_MODES = ("copy", "reference")


def _instructions(_: Any, attribute: Any, value: str | None) -> None:
    if value is not None and value not in INSTRUCTION_MODES:
        raise ValueError(f"instructions: must be one of {', '.join(INSTRUCTION_MODES)}, not {value!r}")


def _kinds(_: Any, attribute: Any, value: list[str] | None) -> None:
    for kind in value or ():
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r} (one of {', '.join(KINDS)})")


def _patterns(_: Any, attribute: Any, value: list[str]) -> None:
    for pattern in value:
        kind, sep, _glob = pattern.partition(":")
        if not sep or kind not in KINDS:
            raise ValueError(
                f"exclude pattern {pattern!r} must look like 'KIND:GLOB' (e.g. 'mcp:internal-*')"
            )


@define(kw_only=True)
class TargetConfig:
    enabled: bool | None = None  # None: the default (on, unless installed only as a dependency)
    kinds: list[str] | None = field(default=None, validator=_kinds)
    exclude: list[str] = field(factory=list, validator=_patterns)
    adopt: bool = False  # may `hsync adopt` bring this harness's hand edits back into Claude Code
    instructions: str | None = field(default=None, validator=_instructions)  # None: the top level's


def _not_negative(_: Any, attribute: Any, value: float) -> None:
    if value < 0:
        raise ValueError(f"daemon.{attribute.name}: must not be negative, not {value!r}")


@define(kw_only=True)
class DaemonConfig:
    """``[daemon]``: how the daemon and the Claude Code hook coalesce changes, and its schedule."""

    debounce_ms: int = field(default=500, validator=_not_negative)
    drift_check_minutes: float = field(default=15.0, validator=_not_negative)  # 0: never
    sync_minutes: float = field(default=0.0, validator=_not_negative)  # 0: only on changes


@define(kw_only=True)
class NotificationsConfig:
    """``[notifications]``: where the daemon's notifications go besides ``notifications.json``."""

    desktop: bool = False  # freedesktop notifications over D-Bus (Notification Center on macOS)


@define(kw_only=True)
class Config:
    targets: list[str] | None = None
    kinds: list[str] = field(factory=lambda: list(DEFAULT_KINDS), validator=_kinds)
    on_drift: str = field(default="keep", validator=validators.in_(DRIFT_POLICIES))
    instructions: str = field(default="copy", validator=_instructions)
    target_options: dict[str, TargetConfig] = field(factory=dict)
    daemon: DaemonConfig = field(factory=DaemonConfig)
    notifications: NotificationsConfig = field(factory=NotificationsConfig)
    sources: list[Path] = field(factory=list, init=False)  # the files this config was read from

    def target(self, name: str) -> TargetConfig:
        return self.target_options.get(name) or TargetConfig()

    def enabled_targets(self, installed: Iterable[str], dependency_only: Iterable[str] = ()) -> list[str]:
        """The installed targets this config enables. A target installed only as another
        adapter's dependency is on only when the config names it (in ``targets``, or with
        ``[targets.<name>] enabled = true``)."""
        names = list(installed)
        if self.targets is not None:
            return [n for n in self.targets if n in names and self.target(n).enabled is not False]
        optional = set(dependency_only)
        return [
            n
            for n in names
            if self.target(n).enabled is True or (self.target(n).enabled is None and n not in optional)
        ]

    def kinds_for(self, target: str) -> list[str]:
        narrowed = self.target(target).kinds
        return [k for k in self.kinds if narrowed is None or k in narrowed]

    def instructions_for(self, target: str) -> str:
        """``copy`` or ``reference``: how ``target`` writes the project's instruction file."""
        return self.target(target).instructions or self.instructions

    def excluded_by(self, target: str, kind: str, name: str) -> str | None:
        """The ``exclude`` pattern of ``target`` that matches item ``kind:name``, if any."""
        for pattern in self.target(target).exclude:
            pkind, _, glob = pattern.partition(":")
            if pkind == kind and fnmatch.fnmatchcase(name, glob):
                return pattern
        return None


_converter = None


def _get_converter() -> Any:
    global _converter
    if _converter is None:
        from cattrs import Converter

        _converter = Converter(forbid_extra_keys=True)
    return _converter


def _normalise(raw: dict[str, Any]) -> dict[str, Any]:
    raw = dict(raw)
    targets = raw.pop("targets", None)
    if isinstance(targets, dict):
        raw["target_options"] = targets
    elif targets is not None:
        raw["targets"] = targets
    return raw


def _key_path(raw: str) -> str:
    text = raw.replace("$.target_options", "targets").replace("$.", "").lstrip("$")
    return re.sub(r"\['([^']*)'\]", r".\1", text).strip(".")


def _problem_lines(path: Path, exc: BaseException, raw: dict[str, Any]) -> list[str]:
    from cattrs import transform_error

    lines = []
    values = _value_problems(raw)
    for message in transform_error(exc, path="$"):
        text, _, where = message.rpartition(" @ ")
        key = _key_path(where)
        extra = re.match(r"extra fields found \((.*)\)", text)
        if extra:
            for name in extra.group(1).split(", "):
                lines.append(f"{path}: {'.'.join(filter(None, [key, name]))}: unknown key")
            continue
        text = text.replace("invalid value for type, expected", "wrong type, expected")
        if text.startswith("invalid value") and values:
            continue  # an attrs validator's complaint; _value_problems words it better
        lines.append(f"{path}: {key or '(top level)'}: {text}")
    lines.extend(f"{path}: {problem}" for problem in values)
    return lines


def _value_problems(raw: dict[str, Any]) -> list[str]:
    """Problems with values of the right type (checked even when other keys have wrong types)."""
    problems = []

    def kinds(where: str, value: Any) -> None:
        if isinstance(value, list):
            for kind in value:
                if isinstance(kind, str) and kind not in KINDS:
                    problems.append(f"{where}: unknown kind {kind!r} (one of {', '.join(KINDS)})")

    kinds("kinds", raw.get("kinds"))
    if isinstance(raw.get("on_drift"), str) and raw["on_drift"] not in DRIFT_POLICIES:
        problems.append(f"on_drift: must be one of {', '.join(DRIFT_POLICIES)}, not {raw['on_drift']!r}")

    def instructions(where: str, value: Any) -> None:
        if value is not None and value not in INSTRUCTION_MODES:
            problems.append(f"{where}: must be one of {', '.join(INSTRUCTION_MODES)}, not {value!r}")

    instructions("instructions", raw.get("instructions"))
    for name, options in (raw.get("target_options") or {}).items():
        if isinstance(options, dict):
            kinds(f"targets.{name}.kinds", options.get("kinds"))
            instructions(f"targets.{name}.instructions", options.get("instructions"))
            for pattern in options.get("exclude") or () if isinstance(options.get("exclude"), list) else ():
                kind, sep, _ = str(pattern).partition(":")
                if not sep or kind not in KINDS:
                    problems.append(f"targets.{name}.exclude: {pattern!r} must look like 'KIND:GLOB'")
    daemon = raw.get("daemon")
    for key, value in daemon.items() if isinstance(daemon, dict) else ():
        if isinstance(value, int | float) and not isinstance(value, bool) and value < 0:
            problems.append(f"daemon.{key}: must not be negative, not {value!r}")
    return problems


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InvalidInput(path, "not UTF-8 text") from None
    except OSError as exc:
        raise InvalidInput(path, f"cannot read: {exc.strerror or exc}") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        return _raise_toml(path, exc, line)


def _raise_toml(path: Path, exc: Exception, line: int | None) -> dict[str, Any]:
    message = str(exc)
    if line is None:
        found = re.search(r"at line (\d+)", message)
        line = int(found.group(1)) if found else None
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", message)
    raise InvalidInput(path, f"invalid TOML: {message}", line)


class ConfigError(InvalidInput):
    """One or more problems in a config file; the message has one line per problem."""

    def __init__(self, path: Path, lines: list[str]):
        self.lines = lines
        super().__init__(path, "invalid config")
        self.args = ("\n".join(lines),)

    def __str__(self) -> str:
        return "\n".join(self.lines)


def structure(raw: dict[str, Any], path: Path) -> Config:
    """Validate one config file's data; raises :class:`ConfigError` naming file and key."""
    normalised = _normalise(raw)
    try:
        return _get_converter().structure(normalised, Config)
    except Exception as exc:  # cattrs raises ClassValidationError/BaseValidationError groups
        raise ConfigError(path, _problem_lines(path, exc, normalised)) from None


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if key == "target_options" and isinstance(value, dict):
            options = dict(merged.get(key) or {})
            for name, opts in value.items():
                options[name] = {**(options.get(name) or {}), **opts}
            merged[key] = options
        else:
            merged[key] = value
    return merged


def load_config(hsync_home: Path, project: Path | None) -> Config:
    """Read the user config and the project's ``.hsync.toml`` (which wins), validated."""
    merged: dict[str, Any] = {}
    sources: list[Path] = []
    for path in (hsync_home / "config.toml", project / ".hsync.toml" if project else None):
        if path is None:
            continue
        probe(path)
        if not path.is_file():
            continue
        raw = _read_toml(path)
        structure(raw, path)  # report problems against the file that has them
        merged = _merge(merged, _normalise(raw))
        sources.append(path)
    if not sources:
        return Config()
    config = _get_converter().structure(merged, Config)
    config.sources = sources
    return config
