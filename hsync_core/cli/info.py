"""``hsync status``, ``hsync sources`` and ``hsync targets``: read-only views."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import build, echo, handle_errors, print_json, styled


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document on stdout.")
@click.pass_context
@handle_errors
def status(click_ctx: click.Context, as_json: bool) -> None:
    """Per target: last sync, result, sources changed since, drifted outputs."""
    from ..engine import Engine
    from ..operations.diff import display_path
    from ..operations.status import collect

    plugins, ctx = build(click_ctx, dry_run=True)
    engine = Engine(plugins, ctx)
    report = collect(engine)
    report["daemon"] = _daemon(ctx.hsync_home)
    if as_json:
        print_json(report)
        return
    echo(f"project: {report['project'] or '(none: user scope only)'}")
    pid = report["daemon"]["pid"]
    echo(f"daemon: running (pid {pid})" if pid else "daemon: not running")
    if not report["targets"]:
        echo("no targets enabled: install an adapter (pip install hsync-codex) or check the config")
    for target, scopes in report["targets"].items():
        for level, info in scopes.items():
            when = info["last_sync"] or "never"
            result = info["result"] or "-"
            changed = "sources changed since" if info["sources_changed"] else "sources unchanged"
            echo(
                f"{styled(target, bold=True)} [{level}]: last sync {when}, {result}, {changed}, "
                f"{info['outputs']} owned output(s)"
            )
            for path in info["drifted"]:
                file, _, key = path.partition("::")
                echo(
                    f"  {styled('!', fg='red')} drifted  {display_path(Path(file), ctx.home, ctx.project)}"
                    + (f" ({key})" if key else "")
                )
            for path in info.get("kept", []):
                file, _, key = path.partition("::")
                echo(
                    f"  {styled('k', fg='cyan')} kept     {display_path(Path(file), ctx.home, ctx.project)}"
                    + (f" ({key})" if key else "")
                    + ": edited by hand and kept (hsync drift --keep)"
                )
            for path in info["missing"]:
                echo(f"  {styled('-', fg='yellow')} missing  {path}")
    for problem in report["problems"]:
        echo(f"hsync: source problem: {problem}", err=True)


def _daemon(hsync_home: Path) -> dict[str, object]:
    from ..daemon.client import daemon_pid

    pid = daemon_pid(hsync_home)
    return {"running": pid is not None, "pid": pid}


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document on stdout.")
@click.option("-v", "--verbose", is_flag=True, help="Also list notes and files that are not items.")
@click.option("--strict", is_flag=True, help="Exit 1 when a source item was skipped.")
@click.pass_context
@handle_errors
def sources(click_ctx: click.Context, as_json: bool, verbose: bool, strict: bool) -> None:
    """Every item read, with kind, name, scope and origin; then what was skipped (and with
    ``--verbose`` the notes and the files Claude Code does not load as items either)."""
    from ..engine import Engine

    plugins, ctx = build(click_ctx, dry_run=True)
    found = Engine(plugins, ctx).read()
    rows = [
        {
            "kind": i.kind,
            "name": i.qualified_name,
            "scope": i.scope,
            "level": i.level,
            "origin": str(i.origin) if i.origin else None,
            **({"folder": i.folder} if getattr(i, "folder", "") else {}),
        }
        for i in found.items
    ]
    problems = [
        {
            "kind": p.kind,
            "name": p.name,
            "scope": p.scope,
            "reason": p.reason,
            "action": p.action,
            "path": str(p.path) if p.path else None,
        }
        for p in found.problems
    ]
    skipped = [p for p in problems if p["action"] == "skipped"]
    if as_json:
        print_json({"items": rows, "problems": problems})
    else:
        for row in rows:
            echo(f"{row['kind']:<9} {row['scope']:<8} {row['name']}  ({row['origin']})")
        for problem in problems:
            where = (
                f" [{problem['scope']}] ({problem['path']})" if problem["path"] else f" [{problem['scope']}]"
            )
            line = f"{problem['kind']} '{problem['name']}'{where}: {problem['reason']}"
            if problem["action"] == "skipped":
                echo(f"hsync: skipped {line}", err=True)
            elif verbose:
                echo(f"{'ignored' if problem['action'] == 'ignored' else 'note'}: {line}")
    sys.exit(1 if strict and skipped else 0)


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document on stdout.")
@handle_errors
def targets(as_json: bool) -> None:
    """Installed adapters: name, package, version, kinds, where they write, load errors."""
    from ..plugins import make_plugin_manager

    plugins = make_plugin_manager()
    rows = [
        {
            "name": t.name,
            "package": t.package,
            "version": t.version,
            "description": t.description,
            "kinds": list(t.kinds),
            "locations": t.locations,
            "dependency_of": plugins.dependency_only.get(t.name),
            "origin": plugins.origin_of(t.name),
        }
        for t in plugins.targets.values()
    ]
    errors = [{"name": p.name, "package": p.package, "error": p.error} for p in plugins.problems]
    if as_json:
        print_json({"targets": rows, "errors": errors})
        sys.exit(1 if errors else 0)
    if not rows:
        echo("no adapters installed (pip install hsync-codex hsync-gemini hsync-opencode)")
    for row in rows:
        echo(
            f"{styled(row['name'], bold=True)}  {row['package']} {row['version'] or ''}  kinds: {', '.join(row['kinds'])}"
        )
        if row["origin"]:
            echo(f"    from: {row['origin']}")
        for label, where in row["locations"].items():
            echo(f"    {label}: {where}")
        if row["dependency_of"]:
            echo(
                f"    installed as a dependency of {row['dependency_of']}: off unless the config names it "
                f"(targets = [...] or [targets.{row['name']}] enabled = true)"
            )
    for error in errors:
        echo(
            f"{styled('broken', fg='red')} {error['name']} ({error['package'] or 'unknown package'}): {error['error']}"
        )
    sys.exit(1 if errors else 0)
