"""The front door of the command line: answer an invocation from the no-op memo
(:mod:`hsync_core.store.memo`) before click, attrs or any adapter is imported.

:func:`hsync_core.cli.main` calls :func:`serve` with the arguments as typed. When the memo of
this exact invocation (the same arguments, project, working directory, environment, terminals,
interpreter and installed packages) still holds, it prints what the remembered run printed,
appends its audit lines, prints the "notifications waiting" line as the full run would, and exits
with the remembered code. Otherwise it returns and the click group runs.

``hsync hook session-start``, which Claude Code runs at the start of every session, is run here
too, without click (:func:`session_start`).

Two kinds of invocation keep memos: a ``sync`` or ``check`` that changed nothing
(:mod:`hsync_core.cli.memoized`), and the help of the group or of one command
(:func:`help_invocation`; :func:`capture_help` records it). The help depends on nothing but the
code, so its memo follows the files of the modules that made it.

This module imports only the standard library and hsync's standard-library-only modules.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

#: commands that print no "notifications waiting" line (they show them, or speak to a program)
NO_NOTICE = frozenset({"notifications", "hook", "daemon", "install", "uninstall", "new-adapter", "monitor"})
#: any of these among the arguments silences that line
QUIET_FLAGS = frozenset({"--json", "-q", "--quiet", "--help", "-h"})
HELP_FLAGS = ("--help", "-h")
#: the commands whose runs keep a memo (see :mod:`hsync_core.cli.memoized`), besides the helps
MEMO_COMMANDS = frozenset({"sync", "check"})


def quiet(args: Sequence[str]) -> bool:
    return any(arg in QUIET_FLAGS for arg in args)


def split_group_options(args: Sequence[str]) -> tuple[str | None, list[str]]:
    """``(the --project value, the rest)``: the group's leading ``--project P`` taken off."""
    project: str | None = None
    rest = list(args)
    while len(rest) > 1 and (rest[0] == "--project" or rest[0].startswith("--project=")):
        first = rest.pop(0)
        project = first.partition("=")[2] if "=" in first else rest.pop(0)
    return project, rest


def help_invocation(args: Sequence[str]) -> bool:
    """``hsync --help`` or ``hsync COMMAND --help`` (``-h`` alike) and nothing else: a help that
    click shows for certain, with no other argument that could be a value or a subcommand."""
    from .commands import COMMANDS

    rest = split_group_options(args)[1]
    if len(rest) == 1:
        return rest[0] in HELP_FLAGS
    return len(rest) == 2 and rest[0] in COMMANDS and rest[1] in HELP_FLAGS


def serve(args: Sequence[str]) -> None:
    """Answer from the memo, or run the session-start hook, and exit; or return (click runs)."""
    from ..store import memo

    project, rest = split_group_options(args)
    if rest == ["hook", "session-start"]:  # what Claude Code runs at the start of every session
        session_start(project)
    if not rest or not (rest[0] in MEMO_COMMANDS or help_invocation(args)) or not memo.enabled():
        return
    found = memo.Memo(_hsync_home(), key_of(args)).lookup()
    if found is None:
        return
    for text, err in found["lines"]:
        echo(text, err=err)
    memo.replay_audit(_hsync_home(), found["audit"])
    if rest[0] not in NO_NOTICE and not quiet(args):
        notice()
    sys.exit(found["code"])


def session_start(project_option: str | None) -> None:
    """``hsync hook session-start``: its line on stdout, or a problem on stderr; always exit 0."""
    from ..integrations.claude.session_start import run_hook

    line, problem = run_hook(project_option)
    with contextlib.suppress(OSError):  # Claude Code may have closed the pipe: nothing to tell
        if problem:
            echo(problem, err=True)
        if line:
            echo(line)
    sys.exit(0)


def key_of(args: Sequence[str]) -> str:
    """The memo key of the arguments as typed (with the project found as the run finds it)."""
    from ..errors import UsageError
    from ..operations.locations import find_project
    from ..store.memo import memo_key

    try:
        project = find_project(split_group_options(args)[0], _home())
    except (UsageError, OSError):
        project = None  # the run itself says what is wrong
    return memo_key(args, project)


@contextlib.contextmanager
def capture_help(args: Sequence[str]) -> Iterator[None]:
    """Run the block (the click group showing a help) with stdout captured; then print what it
    printed and keep it as the memo of ``args``, following the files of the code that made it."""
    from ..store import memo

    started_ns = time.time_ns()
    real = sys.stdout
    encoding = getattr(real, "encoding", None) or "utf-8"
    buffer = io.BytesIO()
    sys.stdout = io.TextIOWrapper(buffer, encoding=encoding, errors=getattr(real, "errors", None))
    code: object = "raised"  # kept only for a help that ended as helps end: exit 0
    try:
        yield
        code = 0
    except SystemExit as exc:
        code = exc.code
        raise
    finally:
        sys.stdout.flush()
        sys.stdout = real
        text = buffer.getvalue().decode(encoding, "replace")
        real.write(text)
        real.flush()
        if code in (0, None) and text.endswith("\n") and memo.enabled():
            memo.Memo(_hsync_home(), key_of(args)).save(
                code=0,
                lines=[(line, False) for line in text[:-1].split("\n")],
                audit=[],
                follow=memo.code_paths(),
                nofollow=[],
                written={},
                started_ns=started_ns,
            )


def echo(text: str, *, err: bool = False) -> None:
    """Print one line as ``click.echo`` would: colours only on a terminal, none with NO_COLOR."""
    stream = sys.stderr if err else sys.stdout
    if "\033" in text and (os.environ.get("NO_COLOR") or not _isatty(stream)):
        import re

        text = re.sub(r"\033\[[;?0-9]*[a-zA-Z]", "", text)
    stream.write(text + "\n")
    stream.flush()


def notice() -> None:
    """One line on stderr when notifications wait (commands with --json or -q stay silent)."""
    from ..store.waiting import pending_count

    count = pending_count(_hsync_home())
    if count:
        echo(
            f"hsync: {count} notification{'s' if count != 1 else ''} waiting; see `hsync notifications`",
            err=True,
        )


def _home() -> Path:
    from ..operations.locations import home_dir

    return home_dir()


def _hsync_home() -> Path:
    from ..operations.locations import hsync_home

    return hsync_home(_home())


def _isatty(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError, OSError):
        return False
