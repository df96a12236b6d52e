"""``hsync log``: what hsync did, from the audit log (``$HSYNC_HOME/audit.jsonl`` and its rotated
files), filtered by time, project, target, kind and outcome; ``--follow`` waits for new entries."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import click

from .common import echo, fail, handle_errors, styled

COLOURS = {
    "create": "green",
    "update": "yellow",
    "remove": "red",
    "conflict": "red",
    "failed": "red",
    "denied": "red",
    "adopted": "cyan",
    "kept": "cyan",
}


def _line(entry: dict[str, Any]) -> str:
    action = str(entry.get("action"))
    parts = [
        str(entry.get("time", "?")),
        f"{entry.get('trigger') or '-':<6}",
        styled(f"{action:<9}", fg=COLOURS.get(action)),
        str(entry.get("target") or "-"),
        f"{entry.get('kind') or '-'} {entry.get('item') or ''}".rstrip(),
    ]
    text = "  ".join(parts)
    if entry.get("reason"):
        text += f": {entry['reason']}"
    if entry.get("project"):
        text += f"  [{entry['project']}]"
    return text


@click.command()
@click.option("--since", metavar="WHEN", help="Only entries since WHEN: 2h, 30m, 7d or an ISO time.")
@click.option("--until", metavar="WHEN", help="Only entries until WHEN.")
@click.option("--project", "project_filter", metavar="DIR", help="Only entries of this project (a path).")
@click.option("--target", "-t", metavar="T", help="Only entries of this target.")
@click.option("--kind", metavar="K", help="Only entries of this kind (rules, mcp, skills…).")
@click.option(
    "--outcome",
    metavar="O",
    help="Only this outcome: create, update, remove, conflict, failed, skipped, denied, allowed, adopted, kept.",
)
@click.option("--trigger", type=click.Choice(["cli", "daemon", "hook"]), help="Only runs started this way.")
@click.option("-n", "--limit", type=int, default=None, metavar="N", help="Only the last N matching entries.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line (JSON Lines).")
@click.option(
    "--follow", "-f", is_flag=True, help="Keep printing new entries as hsync writes them (Ctrl-C stops)."
)
@handle_errors
def log(
    since: str | None,
    until: str | None,
    project_filter: str | None,
    target: str | None,
    kind: str | None,
    outcome: str | None,
    trigger: str | None,
    limit: int | None,
    as_json: bool,
    follow: bool,
) -> None:
    """Query the audit log: every change hsync wrote, skipped, refused or failed, and why."""
    from ..store.audit import AuditQuery, parse_time, read_entries
    from .common import home_dir, hsync_home

    try:
        query = AuditQuery(
            since=parse_time(since) if since else None,
            until=parse_time(until) if until else None,
            project=str(Path(project_filter).expanduser().resolve()) if project_filter else None,
            target=target,
            kind=kind,
            outcome=outcome,
            trigger=trigger,
        )
    except ValueError as exc:
        fail(f"--since/--until: {exc}", 2)
    hhome = hsync_home(home_dir())
    start = _end(hhome / "audit.jsonl")  # --follow goes on from here: nothing missed, nothing twice
    entries = list(read_entries(hhome, query, live_bytes=start[0] if follow else None))
    if limit is not None:
        entries = entries[-limit:] if limit > 0 else []

    def show(entry: dict[str, Any]) -> None:
        echo(json.dumps(entry, ensure_ascii=False) if as_json else _line(entry))

    for entry in entries:
        show(entry)
    if not follow:
        return
    try:
        _follow(hhome / "audit.jsonl", query, show, start)
    except KeyboardInterrupt:
        return


def _follow(path: Path, query: Any, show: Any, start: tuple[int, int | None]) -> None:
    """Print entries appended to ``path`` after ``start``; a rotation starts over on the new file."""
    position, inode = start
    while True:
        try:
            stat = os.stat(path)
        except FileNotFoundError:
            stat = None
        if stat is not None and (stat.st_ino != inode or stat.st_size < position):
            position, inode = 0, stat.st_ino  # rotated: the new file is read from its start
        if stat is not None and stat.st_size > position:
            with path.open("rb") as handle:
                handle.seek(position)
                data = handle.read()
            complete = data[: data.rfind(b"\n") + 1]
            position += len(complete)
            for line in complete.decode("utf-8", "replace").splitlines():
                try:
                    entry = json.loads(line)
                except ValueError:
                    continue
                if isinstance(entry, dict) and query.matches(entry):
                    show(entry)
            click.get_text_stream("stdout").flush()
        time.sleep(0.2)


def _end(path: Path) -> tuple[int, int | None]:
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        return 0, None
    return stat.st_size, stat.st_ino
