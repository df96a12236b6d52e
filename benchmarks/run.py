"""hsync benchmarks: one command, figures printed beside a baseline measured in the same run.

    .venv/bin/python benchmarks/run.py [--runs 5] [--keep] [--scales 1,4,16] [--peers] [--daemon]

Generates a large Claude Code setup (CLAUDE.md of 200 lines; 300 commands, 100 of them in 10
subfolders, each with ``$ARGUMENTS`` and ``!`cmd```; 100 agents; 100 skills each with a script;
50 MCP servers, half stdio with env, half HTTP with headers), then times as subprocesses, median
of N runs, with every adapter installed: a full first ``sync``, ``hsync --help`` the first
time and again (served from its memo, as every later time; timed after the sync, because a memo
never creates ``$HSYNC_HOME``), a no-op ``sync`` (it renders once more to confirm what the
first one wrote), a cached no-op (the next
one, replayed by the render cache; it keeps the no-op memo), a steady no-op (the one after,
served from the memo), ``check`` and a steady ``check`` (the same again, served from its memo),
the Claude Code ``SessionStart`` hook (``hsync hook session-start`` in the project after the
sync, stdin from /dev/null), and the peak memory of a sync. The baseline is
``cp -r`` of the same source tree, timed the same way; every figure is also printed as a ratio
to it. Every timed command starts on a settled disk (``sync`` first, not timed), so none pays
for the writeback of what the command before it wrote. Then the tree at 1x, 4x and 16x (``--scales``; 16x is about 8,800 items): milliseconds per
item of a full sync, a cached no-op, a steady no-op and a steady ``check``, beside ``cp -r`` of
the same tree.
``--peers`` then runs ``benchmarks/peers.py`` (ruler and rulesync on the same tree);
``--daemon`` runs ``benchmarks/daemon.py`` (the daemon's latency, idle CPU, memory).
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
from typing import NamedTuple

GOALS = {
    "full sync": 0.60,
    "first --help": None,
    "--help": 0.05,
    "no-op sync": None,
    "cached no-op": None,
    "steady no-op": 0.12,
    "check": None,
    "steady check": 0.12,
    "session-start": 0.20,
}
SCALE_FIGURES = ("baseline cp -r", "full sync", "cached no-op", "steady no-op", "steady check")
RSS_GOAL_MB = 60


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def generate(root: Path, scale: int = 1) -> tuple[Path, Path]:
    """The benchmark tree; ``scale`` multiplies every count (16 gives about 8,800 items)."""
    home, project = root / "home", root / "project"
    claude = home / ".claude"
    write(
        claude / "CLAUDE.md",
        "# Rules\n\n" + "".join(f"- Rule number {i}: keep it simple.\n" for i in range(198)),
    )
    for i in range(300 * scale):
        folder = f"group{i % 10}/" if i < 100 else ""
        write(
            claude / "commands" / f"{folder}cmd{i}.md",
            f"---\ndescription: Command {i}\nargument-hint: [target]\n---\n"
            f"Do task {i} for $ARGUMENTS. First run !`git status --short` and report.\n",
        )
    for i in range(100 * scale):
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
    for i in range(25 * scale):
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


def item_count(scale: int) -> int:
    """Source items in the tree at ``scale``: commands, agents, skills, servers, two CLAUDE.md."""
    return 550 * scale + 2


def count_entries(directory: Path) -> int:
    """Files, folders and links below ``directory`` (links are not followed)."""
    return sum(len(dirs) + len(files) for _, dirs, files in os.walk(directory))


def environ(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CODEX_", "HSYNC_", "XDG_"))}
    env.update(HOME=str(home), HSYNC_HOME=str(home / ".hsync"), XDG_CONFIG_HOME=str(home / ".config"))
    return env


class Timing(NamedTuple):
    wall: float  # seconds
    rss: int  # peak resident set, KiB
    code: int  # exit code
    cpu: float  # user + system seconds: steadier than wall time on a loaded machine


def timed(command: list[str], env: dict[str, str], cwd: Path) -> Timing:
    """Wall time, max RSS (KiB), exit code and CPU time of one subprocess.

    The disk is settled first (``sync``, not timed): a tool that flushes what it wrote (hsync
    does, once per run) must not pay for the writeback of what an earlier command left dirty
    (the copy of the tree, a peer's output, the trees just removed)."""
    os.sync()
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
    return Timing(elapsed, usage.ru_maxrss, proc.returncode, usage.ru_utime + usage.ru_stime)


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


def scale_runs(hsync: str, scratch: Path, scales: list[int], runs: int) -> None:
    """Per-item time of a full sync, the no-ops and ``check`` at each scale of the tree."""
    print()
    print(f"scale: the tree times {scales}; median of {runs} run(s); ms per source item, wall / CPU")
    header = "".join(f"{name:>18}" for name in SCALE_FIGURES)
    print(f"{'scale':<7}{'items':>7}{header}{'steady/item vs 1x':>18}")
    first: float | None = None
    for scale in scales:
        source = scratch / f"scale{scale}"
        generate(source, scale)
        figures: dict[str, list[Timing]] = {k: [] for k in SCALE_FIGURES}
        for run in range(runs):
            copy = scratch / f"scale{scale}-run{run}"
            figures["baseline cp -r"].append(
                timed(["cp", "-r", str(source), str(copy)], os.environ.copy(), scratch)
            )
            env, project = environ(copy / "home"), copy / "project"
            sync = [hsync, "--project", str(project), "sync", "-q"]
            figures["full sync"].append(timed(sync, env, project))
            timed(sync, env, project)  # the no-op that confirms what the first sync wrote
            figures["cached no-op"].append(timed(sync, env, project))
            figures["steady no-op"].append(timed(sync, env, project))
            check = [hsync, "--project", str(project), "check"]
            timed(check, env, project)  # keeps the memo of check
            figures["steady check"].append(timed(check, env, project))
            shutil.rmtree(copy, ignore_errors=True)
        shutil.rmtree(source, ignore_errors=True)
        items = item_count(scale)
        wall = {k: statistics.median(t.wall for t in v) / items * 1000 for k, v in figures.items()}
        cpu = {k: statistics.median(t.cpu for t in v) / items * 1000 for k, v in figures.items()}
        first = cpu["steady no-op"] if first is None else first
        cells = "".join(f"{f'{wall[name]:.3f} / {cpu[name]:.3f}':>18}" for name in SCALE_FIGURES)
        print(f"{str(scale) + 'x':<7}{items:>7}{cells}{cpu['steady no-op'] / first:>18.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the generated tree")
    parser.add_argument(
        "--daemon", action="store_true", help="then run benchmarks/daemon.py (latency, idle CPU; about 90 s)"
    )
    parser.add_argument(
        "--scales",
        default="1,4,16",
        help="comma-separated multiples of the tree for the per-item table ('' skips it; default 1,4,16)",
    )
    parser.add_argument("--scale-runs", type=int, default=1, help="runs per scale (default 1)")
    parser.add_argument(
        "--peers", action="store_true", help="then run benchmarks/peers.py (ruler and rulesync from npm)"
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
        figures: dict[str, list[float]] = {k: [] for k in ("baseline cp -r", "cp -r synced", *GOALS)}
        cpu: dict[str, list[float]] = {k: [] for k in figures}
        rss: list[int] = []
        codes: set[int] = set()
        written = 0
        for run in range(args.runs):
            copy = scratch / f"run{run}"
            copied = timed(["cp", "-r", str(source), str(copy)], os.environ.copy(), scratch)
            figures["baseline cp -r"].append(copied.wall)
            cpu["baseline cp -r"].append(copied.cpu)
            home, project = copy / "home", copy / "project"
            env = environ(home)
            for name, command in (
                ("full sync", [hsync, "--project", str(project), "sync", "-q"]),
                ("first --help", [hsync, "--help"]),  # after a sync: a memo never makes $HSYNC_HOME
                ("--help", [hsync, "--help"]),
                ("no-op sync", [hsync, "--project", str(project), "sync", "-q"]),
                ("cached no-op", [hsync, "--project", str(project), "sync", "-q"]),
                ("steady no-op", [hsync, "--project", str(project), "sync", "-q"]),
                ("check", [hsync, "--project", str(project), "check"]),
                ("steady check", [hsync, "--project", str(project), "check"]),
                ("session-start", [hsync, "hook", "session-start"]),
            ):
                elapsed, maxrss, code, used = timed(command, env, project)
                figures[name].append(elapsed)
                cpu[name].append(used)
                if name == "full sync":  # the disk's floor: copy what the sync left, the same way
                    floor = timed(["cp", "-r", str(copy), str(copy) + "-synced"], os.environ.copy(), scratch)
                    shutil.rmtree(str(copy) + "-synced")
                    written = count_entries(copy) - count_entries(source)
                    figures["cp -r synced"].append(floor.wall)
                    cpu["cp -r synced"].append(floor.cpu)
                if "--help" not in name and name != "session-start":
                    codes.add(code)
                if "sync" in name:
                    rss.append(maxrss)
        baseline = statistics.median(figures["baseline cp -r"])
        print(f"hsync benchmark: {args.runs} runs, median; adapters: {', '.join(installed) or 'none'}")
        print(
            "tree: CLAUDE.md 200 lines, 300 commands (100 in 10 folders), 100 agents, 100 skills, 50 MCP servers"
        )
        print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
        print(f"{'figure':<16}{'median s':>10}{'cpu s':>8}{'x cp -r':>10}{'goal s':>9}  result")
        for name, values in figures.items():
            median = statistics.median(values)
            goal = GOALS.get(name)
            verdict = "" if goal is None else ("ok" if median <= goal else "OVER GOAL")
            goal_text = f"{goal:.2f}" if goal else "-"
            used = statistics.median(cpu[name])
            print(f"{name:<16}{median:>10.3f}{used:>8.3f}{median / baseline:>10.2f}{goal_text:>9}  {verdict}")
        floor = statistics.median(figures["cp -r synced"]) - baseline
        full = statistics.median(figures["full sync"])
        print(
            f"full sync above the disk's floor (cp -r synced - cp -r): {full - floor:.3f} s "
            f"(floor {floor:.3f} s: making the {written} entries it wrote)"
        )
        for check, noop in (("check", "cached no-op"), ("steady check", "steady no-op")):
            ratio = statistics.median(figures[check]) / statistics.median(figures[noop])
            print(f"{check} / {noop}: {ratio:.2f} (goal: no slower, <= 1.00 within noise)")
        peak = max(rss) / 1024
        print(
            f"{'peak RSS (sync)':<16}{peak:>9.1f}M{'':>10}{RSS_GOAL_MB:>8}M  {'ok' if peak <= RSS_GOAL_MB else 'OVER GOAL'}"
        )
        print(f"exit codes of sync/check runs: {sorted(codes)}")
        scales = [int(part) for part in args.scales.split(",") if part.strip()]
        if scales:
            scale_runs(hsync, scratch, scales, args.scale_runs)
        if args.keep:
            print(f"generated tree kept in {scratch}")
    finally:
        if not args.keep:
            shutil.rmtree(scratch, ignore_errors=True)
    code = 0
    for wanted, script, extra in (
        (args.peers, "peers.py", ["--runs", str(args.runs)]),
        (args.daemon, "daemon.py", []),
    ):
        if wanted:
            print()
            command = [sys.executable, str(Path(__file__).with_name(script)), *extra]
            code = code or subprocess.run(command, check=False).returncode
    return code


if __name__ == "__main__":
    sys.exit(main())
