"""``hsync drift``: every drifted output (an owned output edited by hand) with its diff against
what hsync would write, and every harness-side addition (an entry the user added to a file
hsync shares with the harness, read back through ``read_target``) as a candidate to adopt.

Nothing here writes a harness file: the plan is made as ``sync --dry-run --force`` would make it,
so each drifted output comes with the exact bytes an overwrite would write.
"""

from __future__ import annotations

import difflib
import json
import tomllib
from pathlib import Path
from typing import Any

from attrs import define, evolve, field

from ..engine import Engine
from ..files import jsonc, markdown
from ..files.hashing import digest_bytes
from ..models import Change, Context, Entry, FileOutput, HarnessEntry, LinkOutput, MarkdownBlock
from ..planning.disk import parse_key
from ..rendering.readback import looks_secret
from ..store.kept import KeptDrift
from . import skill_copies
from .diff import display_path


@define(kw_only=True)
class Drifted:
    """An owned output edited by hand. ``readback`` is the harness's version read back as an item
    (when the adapter can), which is what ``adopt`` turns into a change of the source."""

    target: str
    change: Change
    diff: str
    readback: HarnessEntry | None = None
    skill_copy: bool = False  # a skill written as a copy (links refused) and edited there

    @property
    def name(self) -> str:
        return self.change.item

    @property
    def adoptable(self) -> bool:
        return self.readback is not None or self.skill_copy


@define(kw_only=True)
class Addition:
    """An entry the user added to a file hsync shares with the harness."""

    target: str
    entry: HarnessEntry
    text: str  # the entry as found, for people

    @property
    def name(self) -> str:
        return self.entry.item.name


@define(kw_only=True)
class DriftReport:
    drifted: list[Drifted] = field(factory=list)
    additions: list[Addition] = field(factory=list)
    kept: int = 0  # drifted outputs left out because the user kept them
    reads_back: dict[str, bool] = field(factory=dict)  # target -> can it read its files back


def _dump(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def _current(path: Path, style: str, key: tuple[str, ...] | None) -> str | None:
    """What is on disk for one output, as text comparable with what hsync would write."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if style == "file":
        return text
    if style == "block":
        try:
            return markdown.inner(text)
        except markdown.BlockError:
            return text
    try:
        data: Any = tomllib.loads(text) if style == "toml" else jsonc.parse(text).value
    except (tomllib.TOMLDecodeError, jsonc.JsoncError):
        return text
    for part in key or ():
        if not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return _dump(data)


def _masked(text: str) -> str:
    """``text`` (a dumped entry) with literal credentials shown as ``<hidden>``."""
    try:
        value = json.loads(text)
    except ValueError:
        return text

    def walk(data: Any, key: str = "") -> Any:
        if isinstance(data, dict):
            return {k: walk(v, str(k)) for k, v in data.items()}
        if isinstance(data, list):
            return [walk(v, key) for v in data]
        return "<hidden>" if isinstance(data, str) and looks_secret(key, data) else data

    return _dump(walk(value))


def _desired(change: Change) -> str | None:
    output = change.output
    if output is None:
        return None
    if isinstance(output, Entry):
        return _dump(output.value)
    if isinstance(output, MarkdownBlock):
        return markdown.inner(markdown.render(output.content))
    if isinstance(output, FileOutput):
        return output.content
    return f"link -> {getattr(output, 'source', '')}\n"


def diff_of(change: Change, style: str, display: str) -> str:
    """``--- hsync`` (what hsync would write) against ``+++ on disk`` (the hand edit)."""
    key = parse_key(change.id)
    current = _current(change.path, style, key)
    desired = _desired(change)
    text = "".join(
        difflib.unified_diff(
            (desired or "").splitlines(keepends=True),
            (current or "").splitlines(keepends=True),
            fromfile=f"{display} (hsync would write)" if desired is not None else "/dev/null",
            tofile=f"{display} (on disk)" if current is not None else "/dev/null",
        )
    )
    return text if not text or text.endswith("\n") else text + "\n"


def _style(change: Change) -> str:
    if change.output is not None:
        return change.output.style
    return (
        {"hsync-block": "block"}.get(
            change.id.rpartition("::")[2], "toml" if change.path.suffix == ".toml" else "json"
        )
        if "::" in change.id
        else "file"
    )


def collect_drift(
    plugins: Any, ctx: Context, targets: tuple[str, ...] = (), *, include_kept: bool = False
) -> DriftReport:
    """Drifted outputs and harness-side additions of ``targets`` (default: the enabled ones)."""
    ctx = evolve(ctx, dry_run=True, force=True)
    engine = Engine(plugins, ctx, targets=targets)
    state = engine.store.load()
    result = engine.run(state)
    kept = KeptDrift(ctx.hsync_home)
    report = DriftReport()
    known: set[str] = {c.id for t in result.targets.values() for c in t.changes}
    for scope in state.scopes.values():
        for target_state in scope.targets.values():
            known.update(target_state.outputs)
    for name, target in result.targets.items():
        info = plugins.targets.get(name)
        report.reads_back[name] = bool(info and info.reads_back)
        found: dict[str, HarnessEntry] = {}
        for answer in plugins.hook.read_target(target=name, ctx=ctx) if report.reads_back[name] else ():
            for entry in answer or ():
                found.setdefault(entry.id, entry)
        for change in target.changes:
            if not change.drift:
                continue
            if not include_kept and kept.is_kept(change.id, change.old_hash, change.new_hash):
                report.kept += 1
                continue
            display = display_path(change.path, ctx.home, ctx.project)
            output = change.output
            if (
                isinstance(output, LinkOutput)
                and change.kind == "skills"
                and skill_copies.is_copy(change.path)
            ):
                source_shown = display_path(output.source, ctx.home, ctx.project)
                edits = skill_copies.edits(output.source, change.path)
                report.drifted.append(
                    Drifted(
                        target=name,
                        change=change,
                        diff=skill_copies.diff_text(edits, source_shown, display),
                        skill_copy=True,
                    )
                )
                continue
            report.drifted.append(
                Drifted(
                    target=name,
                    change=change,
                    diff=diff_of(change, _style(change), display),
                    readback=found.get(change.id),
                )
            )
        for entry_id, entry in sorted(found.items()):
            if entry_id in known or entry.style not in ("toml", "json"):
                continue
            text = _masked(_current(entry.path, entry.style, entry.key) or "")
            if not include_kept and kept.is_kept(entry_id, digest_bytes(text.encode()), None):
                report.kept += 1
                continue
            report.additions.append(Addition(target=name, entry=entry, text=text))
    return report


def to_json(report: DriftReport, ctx: Context) -> dict[str, Any]:
    def where(path: Path) -> str:
        return display_path(path, ctx.home, ctx.project)

    return {
        "drifted": [
            {
                "target": d.target,
                "scope": d.change.level,
                "file": where(d.change.path),
                "id": d.change.id,
                "kind": d.change.kind,
                "item": d.change.item,
                "removed": d.change.output is None,
                "adoptable": d.adoptable,
                "diff": d.diff,
            }
            for d in report.drifted
        ],
        "additions": [
            {
                "target": a.target,
                "scope": a.entry.item.level,
                "file": where(a.entry.path),
                "id": a.entry.id,
                "kind": a.entry.item.kind,
                "item": a.name,
                "adoptable": True,
                "found": a.text,
            }
            for a in report.additions
        ],
        "kept": report.kept,
    }
