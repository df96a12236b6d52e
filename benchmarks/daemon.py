"""The daemon's benchmark: edit-to-synced latency, and its idle CPU and memory.

    .venv/bin/python benchmarks/daemon.py [--edits 20] [--idle 60] [--debounce 500]

On the tree of ``benchmarks/run.py`` (300 commands, 100 agents, 100 skills, 50 MCP servers,
every adapter installed), with one registered project: starts ``hsync daemon start``, then
edits the project's ``CLAUDE.md`` N times and measures how long until the new text is in the
project's ``AGENTS.md`` (median, and the worst). The baseline, measured in the same run, is the
debounce window plus a one-shot ``hsync sync --scope project`` of the same edit; the latency is
printed as a ratio to it. Then it leaves the daemon idle for S seconds and reads its CPU time and
memory from ``/proc``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from run import compile_bytecode, environ, generate

IDLE_CPU_GOAL = 1.0  # percent
RSS_GOAL_MB = 60
LATENCY_SLACK = 0.300  # seconds over the debounce window


def hsync(*args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hsync_core.cli", *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def wait_until(predicate, timeout: float, interval: float = 0.005) -> float | None:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if predicate():
            return time.perf_counter() - start
        time.sleep(interval)
    return None


def proc_cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def proc_memory_mb(pid: int) -> tuple[float, float]:
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0]) / 1024
    return values["VmRSS"], values["VmHWM"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--idle", type=float, default=60.0, help="seconds of idling to measure")
    parser.add_argument("--debounce", type=int, default=500, help="the daemon's debounce window (ms)")
    args = parser.parse_args()
    compile_bytecode()
    window = args.debounce / 1000
    with tempfile.TemporaryDirectory(prefix="hsync-bench-daemon-") as tmp:
        home, project = generate(Path(tmp))
        env = environ(home)
        agents_md = project / "AGENTS.md"
        claude_md = project / "CLAUDE.md"
        assert hsync("sync", env=env, cwd=project).returncode in (0, 1)

        baseline = []
        for i in range(5):
            claude_md.write_text(f"# Project\n\nBaseline edit {i}.\n", encoding="utf-8")
            start = time.perf_counter()
            hsync("sync", "--scope", "project", "-q", env=env, cwd=project)
            baseline.append(time.perf_counter() - start)
        one_shot = statistics.median(baseline)

        hsync("projects", "add", str(project), env=env, cwd=project)
        started = hsync("daemon", "start", "--debounce", str(args.debounce), env=env, cwd=project)
        if started.returncode != 0:
            print(started.stderr, file=sys.stderr)
            return 1
        pid = int(Path(env["HSYNC_HOME"], "daemon.pid").read_text().strip())
        try:
            time.sleep(window + 1.0)  # let the start-up sync finish
            latencies = []
            for i in range(args.edits):
                marker = f"Latency probe {i} {time.time_ns()}."
                claude_md.write_text(f"# Project\n\n{marker}\n", encoding="utf-8")
                took = wait_until(lambda m=marker: m in agents_md.read_text(encoding="utf-8"), timeout=30)
                if took is None:
                    print(f"edit {i} was not synced within 30 s", file=sys.stderr)
                    return 1
                latencies.append(took)
                time.sleep(0.3)
            time.sleep(window + 0.5)
            cpu_before, wall_before = proc_cpu_seconds(pid), time.perf_counter()
            time.sleep(args.idle)
            cpu = (proc_cpu_seconds(pid) - cpu_before) / (time.perf_counter() - wall_before) * 100
            rss, peak = proc_memory_mb(pid)
            status = json.loads(hsync("daemon", "status", "--json", env=env, cwd=project).stdout)
        finally:
            hsync("daemon", "stop", env=env, cwd=project)

    base = window + one_shot
    median, worst = statistics.median(latencies), max(latencies)
    goal = window + LATENCY_SLACK
    print(f"daemon benchmark: {args.edits} edits, debounce {args.debounce} ms, idle {args.idle:g} s")
    print(
        f"baseline: debounce + one-shot `hsync sync --scope project` = {window:.3f} + {one_shot:.3f} = {base:.3f} s"
    )
    rows = [
        (
            "edit-to-synced, median",
            f"{median:.3f} s",
            f"{median / base:.2f}x",
            f"<= {goal:.3f} s",
            median <= goal,
        ),
        ("edit-to-synced, worst", f"{worst:.3f} s", f"{worst / base:.2f}x", "", True),
        ("idle CPU", f"{cpu:.2f} %", "", f"< {IDLE_CPU_GOAL} %", cpu < IDLE_CPU_GOAL),
        ("RSS after idling", f"{rss:.1f} MB", "", f"<= {RSS_GOAL_MB} MB", rss <= RSS_GOAL_MB),
        ("peak RSS", f"{peak:.1f} MB", "", f"<= {RSS_GOAL_MB} MB", peak <= RSS_GOAL_MB),
    ]
    for name, value, ratio, target, ok in rows:
        verdict = "" if not target else ("ok" if ok else "OVER")
        print(f"  {name:<24} {value:>10} {ratio:>7}  {target:<12} {verdict}")
    print(
        f"  syncs run by the daemon: {status['projects'][0]['daemon_syncs']} (project), {status['user']['daemon_syncs']} (user)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
