"""The ``hsync`` command line. :func:`main` first asks the front door (:mod:`.door`), which
answers a repeated no-op or help from the memo without importing click; anything else runs the
click group (:mod:`.app`), whose commands live one group per module and load on use."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    args = sys.argv[1:] if argv is None else list(argv)
    from . import door

    door.serve(args)  # exits when the memo answers
    from .app import cli

    if door.help_invocation(args):
        with door.capture_help(args):
            cli.main(args=args, prog_name="hsync", standalone_mode=True)
    cli.main(args=args, prog_name="hsync", standalone_mode=True)


def __getattr__(name: str) -> object:
    """``hsync_core.cli.cli`` (the click group) and ``COMMANDS``, imported on first use."""
    if name in ("cli", "LazyGroup"):
        from . import app

        return getattr(app, name)
    if name == "COMMANDS":
        from .commands import COMMANDS

        return COMMANDS
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
