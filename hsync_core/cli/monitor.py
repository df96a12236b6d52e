"""``hsync monitor``: a live view of the daemon in the terminal — registered projects, each
target's last sync and result, pending notifications and the latest audit entries — asked from
the daemon's control socket (the read-only ``snapshot`` request) every ``--interval`` seconds.

``q`` or Ctrl-C ends it (exit 0). Without a daemon the view says so and keeps asking. ``NO_COLOR``
(or a terminal without colours) gives a view without any colour or style codes. ``rich`` is
imported here only, so no other command pays for it.
"""

from __future__ import annotations

import contextlib
import os
import select
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from .common import handle_errors
from .log import COLOURS as ACTION_STYLES  # one colour per audit outcome, as `hsync log` shows it

RESULT_STYLES = {"success": "green", "unchanged": "", "partial": "yellow", "failed": "red"}


def fetch(hsync_home: Path, activity: int) -> tuple[dict[str, Any] | None, str | None]:
    """(the daemon's snapshot, None) or (None, why there is none)."""
    from ..daemon.client import DaemonClient, DaemonUnavailable

    try:
        reply = DaemonClient(hsync_home).request({"cmd": "snapshot", "activity": activity}, timeout=5.0)
    except (DaemonUnavailable, ValueError) as exc:
        return None, str(exc)
    if not reply.get("ok"):
        return None, f"the daemon refused the snapshot: {reply.get('error')}"
    return reply["data"], None


def _short(path: str, home: Path) -> str:
    try:
        return "~/" + str(Path(path).relative_to(home))
    except ValueError:
        return path


def _when(iso: str | None) -> str:
    return (iso or "never").replace("T", " ").removesuffix("Z")


def render(snapshot: dict[str, Any] | None, problem: str | None, *, home: Path, hsync_home: Path) -> Any:
    """The whole view as one rich renderable (a pure function of the snapshot)."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    title = Text.assemble(("hsync monitor", "bold"), f"  {hsync_home}  ", ("q quits", "dim"))
    if snapshot is None:
        return Group(
            title,
            Text(""),
            Text(f"No daemon is running ({problem}).", style="yellow"),
            Text("Start one with `hsync daemon start`; retrying…"),
        )
    daemon = snapshot["daemon"]
    parts: list[Any] = [
        title,
        Text(
            f"daemon pid {daemon['pid']}, up {int(daemon['uptime_seconds'])} s since "
            f"{_when(daemon['started'])}, debounce {daemon['debounce_ms']} ms"
        ),
    ]
    syncs = Table(title="Last sync per target", title_justify="left", expand=True)
    syncs.add_column("scope", overflow="fold", ratio=3)
    for column in ("target", "last sync", "result"):
        syncs.add_column(column, ratio=1)
    for scope in snapshot["scopes"]:
        name: Any = "user"
        if scope["scope"] != "user":  # the project's folder name, then where it is
            where = _short(scope["scope"], home)
            name = Text.assemble((Path(where).name, "bold"), "\n", (str(Path(where).parent), "dim"))
        if not scope["exists"]:
            name.append(" (missing)") if isinstance(name, Text) else None
        if not scope["targets"]:
            syncs.add_row(name, "-", "never", "")
        for index, (target, info) in enumerate(scope["targets"].items()):
            result = info.get("result") or ""
            syncs.add_row(
                name if index == 0 else "",
                target,
                _when(info.get("last_sync")),
                Text(result, style=RESULT_STYLES.get(result, "")),
            )
    parts.append(syncs)
    notes = snapshot["notifications"]
    pending = Table(title=f"Pending notifications ({len(notes)})", title_justify="left", expand=True)
    for column in ("id", "kind", "message"):
        pending.add_column(column)
    for note in notes[-10:]:
        pending.add_row(str(note["id"]), Text(note["kind"], style="red"), note["message"])
    parts.append(pending)
    activity = Table(title="Recent activity (audit log)", title_justify="left", expand=True)
    for column in ("time", "target", "action", "item", "trigger"):
        activity.add_column(column)
    for entry in snapshot["activity"]:
        action = str(entry.get("action"))
        item = " ".join(str(entry.get(k)) for k in ("kind", "item") if entry.get(k))
        activity.add_row(
            _when(entry.get("time")),
            str(entry.get("target") or ""),
            Text(action, style=ACTION_STYLES.get(action, "")),
            item,
            str(entry.get("trigger") or ""),
        )
    parts.append(activity)
    return Group(*parts)


def console(file: Any = None) -> Any:
    """A console that writes no colour or style at all when ``NO_COLOR`` is set."""
    from rich.console import Console

    plain = bool(os.environ.get("NO_COLOR"))
    return Console(file=file, color_system=None if plain else "auto", no_color=plain, highlight=False)


@contextlib.contextmanager
def keys() -> Iterator[Any]:
    """Single key presses from a terminal (cbreak: Ctrl-C still interrupts), else nothing."""
    if not sys.stdin.isatty():
        yield None
        return
    import termios
    import tty

    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)
    tty.setcbreak(fd)
    try:
        yield fd
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


def wait_for_key(fd: int | None, timeout: float) -> str | None:
    """The key pressed within ``timeout`` seconds (None: none, or no terminal)."""
    if fd is None:
        time.sleep(timeout)  # nothing to read: only the refresh cadence
        return None
    ready, _, _ = select.select([fd], [], [], timeout)
    if not ready:
        return None
    return os.read(fd, 32).decode("utf-8", "replace")


@click.command()
@click.option("--interval", default=1.0, show_default=True, help="Seconds between refreshes.")
@click.option("--activity", default=15, show_default=True, help="How many audit entries to show.")
@click.option("--once", is_flag=True, help="Print the view once and exit (no live screen).")
@handle_errors
def monitor(interval: float, activity: int, once: bool) -> None:
    """A live view of the daemon: projects, last sync per target, notifications, activity.

    q or Ctrl-C quits (exit 0). Without a daemon the view says so and keeps retrying.
    """
    from .common import home_dir, hsync_home

    home = home_dir()
    hhome = hsync_home(home)
    out = console()
    if once or not out.is_terminal:  # piped or redirected: one view, no screen to redraw
        snapshot, problem = fetch(hhome, activity)
        out.print(render(snapshot, problem, home=home, hsync_home=hhome))
        sys.exit(0 if snapshot is not None else 1)
    from rich.live import Live

    interval = max(interval, 0.1)
    try:
        with keys() as fd, Live(console=out, screen=True, auto_refresh=False) as live:
            while True:
                snapshot, problem = fetch(hhome, activity)
                live.update(render(snapshot, problem, home=home, hsync_home=hhome), refresh=True)
                pressed = wait_for_key(fd, interval)
                if pressed and pressed.strip().lower().startswith("q"):
                    break
    except KeyboardInterrupt:
        pass
    sys.exit(0)
