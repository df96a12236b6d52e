"""``hsync daemon run|start|stop|status|logs|install|uninstall``."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from .common import echo, handle_errors, home_dir, hsync_home, print_json


def _homes() -> tuple[Any, Any]:
    home = home_dir()
    return home, hsync_home(home)


@click.group()
def daemon() -> None:
    """The background daemon: watches the sources of the user and of every registered project
    (`hsync projects add`), syncs after each burst of changes, checks for drift on a schedule
    and raises notifications. One per $HSYNC_HOME."""


@daemon.command()
@click.option(
    "--debounce", type=int, default=None, metavar="MS", help="Coalesce changes over MS milliseconds."
)
@click.option("--no-console", is_flag=True, help="Log only to $HSYNC_HOME/logs/daemon.log, not to stderr.")
@click.option("-v", "--verbose", is_flag=True, help="Log debug details.")
@handle_errors
def run(debounce: int | None, no_console: bool, verbose: bool) -> None:
    """Run the daemon in the foreground (what `start` and the service run)."""
    from ..daemon.process import setup_logging
    from ..daemon.runtime import Daemon

    home, hhome = _homes()
    setup_logging(hhome, console=not no_console, verbose=verbose)
    Daemon(
        home=home,
        hsync_home=hhome,
        environ=os.environ,
        debounce=None if debounce is None else debounce / 1000,
    ).run()


@daemon.command()
@click.option(
    "--debounce", type=int, default=None, metavar="MS", help="Coalesce changes over MS milliseconds."
)
@handle_errors
def start(debounce: int | None) -> None:
    """Start the daemon in the background (logs in $HSYNC_HOME/logs/)."""
    from ..daemon.process import start as start_daemon

    _, hhome = _homes()
    pid, started = start_daemon(hhome, extra_args=[] if debounce is None else ["--debounce", str(debounce)])
    if started:
        echo(f"hsync daemon started (pid {pid})")
    else:
        echo(f"hsync daemon is already running (pid {pid})")


@daemon.command()
@handle_errors
def stop() -> None:
    """Stop the running daemon."""
    from ..daemon.process import stop as stop_daemon

    _, hhome = _homes()
    pid = stop_daemon(hhome)
    echo("hsync daemon is not running" if pid is None else f"hsync daemon stopped (pid {pid})")


def daemon_state(hhome: Any) -> dict[str, Any]:
    """What the running daemon says about itself, or, when none runs, what the files say."""
    from ..daemon.client import DaemonClient, daemon_pid
    from ..daemon.paths import socket_path
    from ..errors import HsyncError

    pid = daemon_pid(hhome)
    if pid is not None:
        try:
            reply = DaemonClient(hhome).request({"cmd": "status"}, timeout=5.0)
            if reply.get("ok"):
                return reply["data"]
        except HsyncError:
            pass
        return {"running": True, "pid": pid, "socket": str(socket_path(hhome)), "responding": False}
    return {"running": False, "pid": None, "socket": str(socket_path(hhome))}


@daemon.command()
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document on stdout.")
@handle_errors
def status(as_json: bool) -> None:
    """Whether the daemon runs: pid, socket, uptime, registered projects and their last sync."""
    from ..store.projects import Registry, describe
    from ..store.state import StateStore

    home, hhome = _homes()
    state = daemon_state(hhome)
    if not state["running"]:
        state["projects"] = describe(Registry(hhome, home).paths(), StateStore(hhome, home).load())
    if as_json:
        print_json(state)
        return
    if not state["running"]:
        echo("hsync daemon: not running (`hsync daemon start` starts it)")
    elif state.get("responding") is False:
        echo(f"hsync daemon: running (pid {state['pid']}) but not answering on {state['socket']}")
    else:
        echo(
            f"hsync daemon: running (pid {state['pid']}), up {_duration(state['uptime_seconds'])}, "
            f"socket {state['socket']}, debounce {state['debounce_ms']} ms"
        )
        user = state.get("user") or {}
        echo(f"  user level: last sync {user.get('last_sync') or 'never'}, {user.get('result') or '-'}")
    projects = state.get("projects") or []
    if not projects:
        echo("  no registered projects (`hsync projects add PATH`)")
    for project in projects:
        where = project["path"] if project.get("exists", True) else f"{project['path']} (missing)"
        echo(f"  {where}: last sync {project.get('last_sync') or 'never'}, {project.get('result') or '-'}")
    for name, job in (state.get("schedule") or {}).items():
        if job.get("next_run"):
            echo(f"  {name}: last {job.get('last_run') or 'never'}, next {job['next_run']}")


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 7200:
        return f"{seconds // 60} min"
    return f"{seconds // 3600} h {seconds % 3600 // 60} min"


@daemon.command()
@click.option("-n", "lines", type=int, default=20, show_default=True, help="How many lines to show.")
@click.option("-f", "--follow", is_flag=True, help="Keep printing new lines (Ctrl-C ends).")
@handle_errors
def logs(lines: int, follow: bool) -> None:
    """The daemon's log ($HSYNC_HOME/logs/daemon.log)."""
    from ..daemon.paths import log_path
    from ..daemon.process import follow as follow_log
    from ..daemon.process import tail

    _, hhome = _homes()
    path = log_path(hhome)
    if not path.exists() and not follow:
        echo(f"no daemon log yet ({path})", err=True)
        return
    for line in tail(path, lines):
        echo(line)
    if follow:
        sys.stdout.flush()
        try:
            for line in follow_log(path):
                click.echo(line)
                sys.stdout.flush()
        except KeyboardInterrupt:
            pass


dry_run_option = click.option(
    "--dry-run", is_flag=True, help="Print the file and the commands; change nothing."
)


@daemon.command()
@dry_run_option
@click.option(
    "--platform",
    type=click.Choice(["systemd", "launchd"]),
    default=None,
    hidden=True,
    help="Which service manager (default: this system's).",
)
@handle_errors
def install(dry_run: bool, platform: str | None) -> None:
    """Run the daemon at login: a systemd user unit (Linux) or a launchd agent (macOS)."""
    import shlex

    from ..daemon.service import install as install_service
    from ..daemon.service import plan

    home, hhome = _homes()
    service = plan(home=home, hsync_home=hhome, environ=dict(os.environ), platform=platform)
    if dry_run:
        echo(f"# would write {service.path}:")
        echo(service.content.decode("utf-8").rstrip("\n"))
        echo("# and run:")
        for command in service.install_commands:
            echo(shlex.join(command))
        return
    done = install_service(service, hhome)
    echo(f"{'wrote' if done['changed'] else 'unchanged'} {done['path']}")
    for problem in done["problems"]:
        echo(f"hsync: {problem}", err=True)
    sys.exit(1 if done["problems"] else 0)


@daemon.command()
@dry_run_option
@handle_errors
def uninstall(dry_run: bool) -> None:
    """Remove what `hsync daemon install` created (and stop the service)."""
    import shlex

    from ..daemon.service import uninstall as uninstall_service
    from ..store.jsondoc import JsonDocument

    _, hhome = _homes()
    if dry_run:
        record = JsonDocument(hhome / "service.json", default=dict).read()
        if not record.get("path"):
            echo("hsync daemon is not installed as a service")
            return
        for command in record.get("uninstall_commands", []):
            echo(f"would run: {shlex.join(command)}")
        echo(f"would remove: {record['path']}")
        for directory in record.get("created_dirs", []):
            echo(f"would remove if empty: {directory}")
        return
    done = uninstall_service(hhome)
    if not done["installed"]:
        echo("hsync daemon is not installed as a service")
    for path in done.get("removed", []):
        echo(f"removed {path}")
    for problem in done["problems"]:
        echo(f"hsync: {problem}", err=True)
    sys.exit(1 if done["problems"] else 0)
