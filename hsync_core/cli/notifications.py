"""``hsync notifications [list|dismiss ID|clear]``."""

from __future__ import annotations

import click

from .common import echo, handle_errors, home_dir, hsync_home, print_json, styled


def _store():
    from ..store.notifications import NotificationStore

    return NotificationStore(hsync_home(home_dir()))


def _json_option(func):
    return click.option("--json", "as_json", is_flag=True, help="Print one JSON document on stdout.")(func)


@click.group(invoke_without_command=True)
@_json_option
@click.pass_context
@handle_errors
def notifications(click_ctx: click.Context, as_json: bool) -> None:
    """What the daemon and the Claude Code hooks found: drift, conflicts, failed syncs, vanished
    projects. Without a subcommand: the undismissed ones."""
    if click_ctx.invoked_subcommand is None:
        _list(as_json, include_dismissed=False)


@notifications.command(name="list")
@_json_option
@click.option("-a", "--all", "include_dismissed", is_flag=True, help="Also the dismissed ones.")
@handle_errors
def list_(as_json: bool, include_dismissed: bool) -> None:
    """The notifications (undismissed ones unless --all)."""
    _list(as_json, include_dismissed=include_dismissed)


def _list(as_json: bool, *, include_dismissed: bool) -> None:
    from attrs import asdict

    notes = [n for n in _store().all() if include_dismissed or not n.dismissed]
    if as_json:
        print_json({"notifications": [asdict(n) for n in notes]})
        return
    if not notes:
        echo("no notifications")
    for note in notes:
        flag = " (dismissed)" if note.dismissed else ""
        echo(f"{styled(f'#{note.id}', bold=True)} {note.time} {note.kind}: {note.message}{flag}")


@notifications.command()
@click.argument("ids", nargs=-1, type=int, required=True)
@_json_option
@handle_errors
def dismiss(ids: tuple[int, ...], as_json: bool) -> None:
    """Dismiss the notifications with these IDs (the same problem is not raised again until it
    has been resolved)."""
    store = _store()
    known = {n.id for n in store.all()}
    unknown = [i for i in ids if i not in known]
    changed = store.dismiss(i for i in ids if i in known)
    if as_json:
        print_json({"dismissed": changed, "unknown": unknown})
    else:
        for note_id in changed:
            echo(f"dismissed #{note_id}")
        for note_id in unknown:
            echo(f"hsync: no notification #{note_id}", err=True)
    raise SystemExit(2 if unknown else 0)


@notifications.command()
@_json_option
@handle_errors
def clear(as_json: bool) -> None:
    """Remove every notification."""
    count = _store().clear()
    if as_json:
        print_json({"cleared": count})
    else:
        echo(f"cleared {count} notification{'s' if count != 1 else ''}")
