"""What every command shares: finding home, project and config; errors; colour; JSON."""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click

from ..errors import HsyncError
from ..operations.locations import find_project, home_dir, hsync_home


def build(click_ctx: click.Context, **options: Any) -> tuple[Any, Any]:
    """The plugin set and the run context for this invocation."""
    from ..config import load_config
    from ..models import Context
    from ..plugins import make_plugin_manager

    home = home_dir()
    hhome = hsync_home(home)
    project = find_project(click_ctx.find_root().obj.get("project"), home)
    config = load_config(hhome, project)
    ctx = Context(home=home, hsync_home=hhome, project=project, config=config, environ=os.environ, **options)
    return make_plugin_manager(), ctx


def fail(message: str, code: int) -> None:
    click.echo(f"hsync: {message}", err=True)
    sys.exit(code)


def handle_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn :class:`HsyncError` into one line per problem on stderr and its exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except HsyncError as exc:
            for line in str(exc).splitlines() or [type(exc).__name__]:
                click.echo(f"hsync: error: {printable(line)}", err=True)
            sys.exit(exc.exit_code)
        except OSError as exc:  # the system refused (a read-only or full $HSYNC_HOME): one line
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"hsync: error: {printable(where + (exc.strerror or str(exc)))}", err=True)
            sys.exit(1)

    return wrapper


def printable(text: str) -> str:
    """``text`` with control characters shown as escapes, never sent raw to the terminal."""
    return "".join(ch if ch.isprintable() or ch == "\t" else repr(ch)[1:-1] for ch in text)


def use_color() -> bool | None:
    """None lets click decide (colour only on a terminal); NO_COLOR switches it off."""
    return False if os.environ.get("NO_COLOR") else None


def styled(text: str, **style: Any) -> str:
    return click.style(text, **style)


_recorders: list[list[tuple[str, bool]]] = []


@contextmanager
def recording() -> Iterator[list[tuple[str, bool]]]:
    """Collect, until the block ends, every line :func:`echo` and :func:`print_json` print."""
    lines: list[tuple[str, bool]] = []
    _recorders.append(lines)
    try:
        yield lines
    finally:
        _recorders.remove(lines)


def echo(text: str = "", *, err: bool = False) -> None:
    if _recorders:
        _recorders[-1].append((text, err))
    click.echo(text, err=err, color=use_color())


def print_json(document: Any) -> None:
    echo(json.dumps(document, indent=2, ensure_ascii=False, default=str))
