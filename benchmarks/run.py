"""hsync benchmarks: one command, figures printed beside a baseline measured in the same run.

    .venv/bin/python benchmarks/run.py [--runs 5] [--keep] [--daemon]

Generates a large Claude Code setup (CLAUDE.md of 200 lines; 300 commands, 100 of them in 10
subfolders, each with ``$ARGUMENTS`` and ``!`cmd```; 100 agents; 100 skills each with a script;
50 MCP servers, half stdio with env, half HTTP with headers), then times as subprocesses, median
of N runs, with every adapter installed: ``hsync --help``, a full first ``sync``, a no-op
``sync`` (it renders once more to confirm what the first one wrote), a cached no-op (the next
one, replayed by the render cache), ``check``, the Claude Code ``SessionStart`` hook (``hsync hook session-start`` in the
project after the sync, stdin from /dev/null), and the peak memory of a sync. The baseline is
``cp -r`` of the same source tree, timed the same way; every figure is also printed as a ratio
to it. ``--daemon`` then runs ``benchmarks/daemon.py`` (the daemon's latency, idle CPU, memory).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GOALS = {
    "--help": 0.10,
    "full sync": 0.60,
    "no-op sync": 0.20,
    "cached no-op": 0.12,
    "check": 0.20,
    "session-start": 0.20,
}
RSS_GOAL_MB = 60


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def generate(root: Path) -> tuple[Path, Path]:
    home, project = root / "home", root / "project"
    claude = home / ".claude"
    write(
        claude / "CLAUDE.md",
        "# Rules\n\n" + "".join(f"- Rule number {i}: keep it simple.\n" for i in range(198)),
    )
    for i in range(300):
        folder = f"group{i % 10}/" if i < 100 else ""
        write(
            claude / "commands" / f"{folder}cmd{i}.md",
            f"---\ndescription: Command {i}\nargument-hint: [target]\n---\n"
            f"Do task {i} for $ARGUMENTS. First run !`git status --short` and report.\n",
        )
    for i in range(100):
        write(
            claude / "agents" / f"agent{i}.md",
            f"---\nname: agent{i}\ndescription: Agent {i} reviews things.\ntools: Read, Grep, Glob\n"
            f"model: sonnet\ncolor: blue\n---\nYou are agent {i}. Review carefully.\n",
        )
        write(
            claude / "skills" / f"skill{i}" / "SKILL.md",
            f"---\nname: skill{i}\ndescription: Skill {i} does a thing.\n---\nRun scripts/run.py.\n",
        )
        write(claude / "skills" / f"skill{i}" / "scripts" / "run.py", f"print({i})\n")
    servers = {}
    for i in range(25):
        servers[f"stdio{i}"] = {
            "command": "npx",
            "args": ["-y", f"server-{i}"],
            "env": {"TOKEN": f"${{TOKEN_{i}}}"},
        }
        servers[f"http{i}"] = {
            "type": "http",
            "url": f"https://mcp{i}.example.com/mcp",
            "headers": {"Authorization": f"Bearer ${{KEY_{i}}}"},
        }
    write(home / ".claude.json", json.dumps({"mcpServers": servers}, indent=2))
    write(project / "CLAUDE.md", "# Project\n\nRun the tests.\n")
    (project / ".git").mkdir(parents=True)
    return home, project


def environ(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CODEX_", "HSYNC_", "XDG_"))}
    env.update(HOME=str(home), HSYNC_HOME=str(home / ".hsync"), XDG_CONFIG_HOME=str(home / ".config"))
    return env


def timed(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, int, int]:
    """Wall time, max RSS (KiB) and exit code of one subprocess."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        command,
        env=env,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss, proc.returncode


def compile_bytecode() -> None:
    """Byte-compile hsync and its dependencies as an installer would (a fair start-up time)."""
    import sysconfig

    import hsync_core

    roots = [Path(hsync_core.__file__).parent, Path(sysconfig.get_paths()["purelib"])]
    roots += sorted((Path(hsync_core.__file__).parent.parent / "plugins").glob("*/src"))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", *map(str, roots)],
        env=env,
        check=False,
        stdout=subprocess.DEVNULL,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the generated tree")
    parser.add_argument(
        "--daemon", action="store_true", help="then run benchmarks/daemon.py (latency, idle CPU; about 90 s)"
    )
    args = parser.parse_args()
    hsync = str(Path(sys.executable).with_name("hsync"))
    compile_bytecode()
    scratch = Path(tempfile.mkdtemp(prefix="hsync-bench-"))
    try:
        source = scratch / "source"
        generate(source)
        targets = subprocess.run(
            [hsync, "targets", "--json"],
            capture_output=True,
            text=True,
            env=environ(source / "home"),
            check=False,
        )
        installed = [t["name"] for t in json.loads(targets.stdout or "{}").get("targets", [])]
        figures: dict[str, list[float]] = {k: [] for k in ("baseline cp -r", *GOALS)}
        rss: list[int] = []
        codes: set[int] = set()
        for run in range(args.runs):
            copy = scratch / f"run{run}"
            elapsed, _, _ = timed(["cp", "-r", str(source), str(copy)], os.environ.copy(), scratch)
            figures["baseline cp -r"].append(elapsed)
            home, project = copy / "home", copy / "project"
            env = environ(home)
            for name, command in (
                ("--help", [hsync, "--help"]),
                ("full sync", [hsync, "--project", str(project), "sync", "-q"]),
                ("no-op sync", [hsync, "--project", str(project), "sync", "-q"]),
                ("cached no-op", [hsync, "--project", str(project), "sync", "-q"]),
                ("check", [hsync, "--project", str(project), "check"]),
                ("session-start", [hsync, "hook", "session-start"]),
            ):
                elapsed, maxrss, code = timed(command, env, project)
                figures[name].append(elapsed)
                if name in ("full sync", "no-op sync", "cached no-op", "check"):
                    codes.add(code)
                if "sync" in name:
                    rss.append(maxrss)
        baseline = statistics.median(figures["baseline cp -r"])
        print(f"hsync benchmark: {args.runs} runs, median; adapters: {', '.join(installed) or 'none'}")
        print(
            "tree: CLAUDE.md 200 lines, 300 commands (100 in 10 folders), 100 agents, 100 skills, 50 MCP servers"
        )
        print(f"{'figure':<16}{'median s':>10}{'x cp -r':>10}{'goal s':>9}  result")
        for name, values in figures.items():
            median = statistics.median(values)
            goal = GOALS.get(name)
            verdict = "" if goal is None else ("ok" if median <= goal else "OVER GOAL")
            goal_text = f"{goal:.2f}" if goal else "-"
            print(f"{name:<16}{median:>10.3f}{median / baseline:>10.2f}{goal_text:>9}  {verdict}")
        peak = max(rss) / 1024
        print(
            f"{'peak RSS (sync)':<16}{peak:>9.1f}M{'':>10}{RSS_GOAL_MB:>8}M  {'ok' if peak <= RSS_GOAL_MB else 'OVER GOAL'}"
        )
        print(f"exit codes of sync/check runs: {sorted(codes)}")
        if args.keep:
            print(f"generated tree kept in {scratch}")
    finally:
        if not args.keep:
            shutil.rmtree(scratch, ignore_errors=True)
    if args.daemon:
        print()
        return subprocess.run(
            [sys.executable, str(Path(__file__).with_name("daemon.py"))], check=False
        ).returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())
