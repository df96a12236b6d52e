"""``hsync install``, ``hsync uninstall`` and ``hsync new-adapter``: manage adapter packages."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import echo, handle_errors


@click.command()
@click.argument("packages", nargs=-1, required=True)
@click.option("-U", "--upgrade", is_flag=True, help="Upgrade the packages if they are installed.")
@click.option("-e", "--editable", is_flag=True, help="Install a local folder in editable mode.")
@click.option(
    "-f",
    "--find-links",
    "find_links",
    multiple=True,
    metavar="DIR",
    help="Also look for packages (wheels) in this folder.",
)
@click.option("--no-index", is_flag=True, help="Only use --find-links folders, not the package index.")
@handle_errors
def install(
    packages: tuple[str, ...], upgrade: bool, editable: bool, find_links: tuple[str, ...], no_index: bool
) -> None:
    """Install adapter packages (hsync-<name>, a wheel or a folder) where hsync runs."""
    from ..operations.installer import run_installer

    extra = ["--upgrade"] if upgrade else []
    extra += [arg for folder in find_links for arg in ("--find-links", folder)]
    extra += ["--no-index"] if no_index else []
    names = list(packages)
    if editable:
        names = [arg for name in names for arg in ("-e", name)]
    code = run_installer("install", names, extra)
    if code == 0:
        echo("installed; `hsync targets` lists what is now available")
    sys.exit(code)


@click.command()
@click.argument("packages", nargs=-1, required=True)
@handle_errors
def uninstall(packages: tuple[str, ...]) -> None:
    """Uninstall adapter packages from the environment hsync runs in."""
    from ..operations.installer import run_installer

    sys.exit(run_installer("uninstall", list(packages)))


@click.command(name="new-adapter")
@click.argument("name")
@click.option(
    "--dir",
    "directory",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Where to create hsync-<NAME>/.",
)
@click.option("--title", help="The harness's name in messages (default: NAME capitalised).")
@handle_errors
def new_adapter(name: str, directory: Path, title: str | None) -> None:
    """Create hsync-NAME/, a working adapter package to start from."""
    from ..scaffold import create_adapter

    package = create_adapter(name, directory, title=title)
    echo(f"created {package}")
    echo(f"next: pip install -e '{package}[test]' && pytest {package}  (or: hsync install -e {package})")
