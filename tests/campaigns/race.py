"""Races: many writers at once, and sources edited while they run.

Per round: 8 ``hsync sync`` at once, half waiting for the lock (``--wait``), half not (those may
exit 3, "busy", with one line naming the holder), two debounced hook-style syncs, while the
project's ``CLAUDE.md`` is edited; then, every round, the last edit must be in ``AGENTS.md``
(no lost update), every output must parse, the user's bytes must be intact, and ``check`` must
find nothing to do. Once per campaign: two daemons started at once (exactly one runs), and a
sync against the running daemon's own syncs.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from pathlib import Path

from .common import Home, Outcome, parse_problem, user_bytes_problem

WRITERS = 8
BUSY = 3


def run(trials: int, seed: int = 0, log: Callable[[str], None] = print, size: int = 8) -> Outcome:
    outcome = Outcome("race")
    rng = random.Random(seed)
    home = Home(size=size, seed=seed)
    busy = 0
    try:
        home.hsync("sync", "-q")
        for trial in range(1, trials + 1):
            outcome.trials = trial
            procs = []
            for i in range(WRITERS):
                args = ("sync", "-q", "--wait", "600") if i % 2 else ("sync", "-q")
                procs.append(home.popen(*args))
            for _ in range(2):  # what the Claude Code hook starts
                procs.append(
                    home.popen("sync", "--scope", "project", "--debounce", "0.05", "-q", "--trigger", "hook")
                )
            last = ""
            for edit in range(rng.randint(1, 4)):
                last = f"Round {trial} edit {edit}."
                (home.proj / "CLAUDE.md").write_text(f"# Project\n\n{last}\n", encoding="utf-8")
                time.sleep(rng.uniform(0, 0.2))
            # the edit's own trigger, as the hook or the daemon would start it after the last edit
            procs.append(
                home.popen("sync", "--scope", "project", "--debounce", "0.05", "-q", "--trigger", "hook")
            )
            for proc in procs:
                _, err = proc.communicate(timeout=900)
                if proc.returncode == BUSY:
                    busy += 1
                    if "holds the lock" not in err or len(err.strip().splitlines()) != 1:
                        outcome.violation(
                            trial, f"exit 3 without the one documented line: {err.strip()[:200]}"
                        )
                elif proc.returncode != 0:
                    outcome.violation(trial, f"a racing sync exited {proc.returncode}: {err.strip()[:300]}")
            agents = (home.proj / "AGENTS.md").read_text(encoding="utf-8")
            if last not in agents:
                outcome.violation(trial, f"lost update: {last!r} is not in AGENTS.md")
            for path, data in home.outputs().items():
                problem = parse_problem(path, data)
                if problem:
                    outcome.violation(trial, f"{path}: {problem}")
            problem = user_bytes_problem(home)
            if problem:
                outcome.violation(trial, problem)
            check = home.hsync("check")
            if check.returncode != 0:
                outcome.violation(
                    trial, f"check after the round exited {check.returncode}: {check.stdout.strip()[:200]}"
                )
            if trial % 5 == 0:
                log(f"race: {trial}/{trials} rounds, {len(outcome.violations)} violations")
        outcome.trials += daemons(home, outcome)
    finally:
        home.hsync("daemon", "stop")
        home.cleanup()
    outcome.figures.update(writers_per_round=WRITERS + 3, busy_exits=busy)
    return outcome


def daemons(home: Home, outcome: Outcome) -> int:
    """Two daemons started at once, then CLI syncs racing the daemon's own. Returns trials run."""
    assert home.hsync("projects", "add", str(home.proj)).returncode == 0
    starts = [home.popen("daemon", "start", "--debounce", "50") for _ in range(2)]
    results = [(p.communicate(timeout=300), p.returncode) for p in starts]
    if any(code != 0 for _, code in results):
        outcome.violation(0, f"a concurrent daemon start failed: {[r[0][1].strip()[:200] for r in results]}")
    status = json.loads(home.hsync("daemon", "status", "--json").stdout or "{}")
    if not status.get("running"):
        outcome.violation(0, "no daemon runs after two concurrent starts")
    running = daemon_processes(home)
    if len(running) != 1:
        outcome.violation(0, f"{len(running)} daemons run after two concurrent starts: {running}")
    for round_ in range(3):
        text = f"Daemon round {round_}."
        (home.proj / "CLAUDE.md").write_text(f"# Project\n\n{text}\n", encoding="utf-8")
        racing = [home.popen("sync", "-q", "--wait", "600") for _ in range(3)]
        for proc in racing:
            _, err = proc.communicate(timeout=900)
            if proc.returncode != 0:
                outcome.violation(
                    0, f"a sync racing the daemon exited {proc.returncode}: {err.strip()[:200]}"
                )
        if text not in (home.proj / "AGENTS.md").read_text(encoding="utf-8"):
            outcome.violation(0, f"lost update against the daemon: {text!r}")
    via = home.hsync("sync", "--via-daemon", "-q")
    if via.returncode != 0:
        outcome.violation(0, f"sync --via-daemon exited {via.returncode}: {via.stderr.strip()[:200]}")
    stopped = home.hsync("daemon", "stop")
    if stopped.returncode != 0:
        outcome.violation(0, f"daemon stop exited {stopped.returncode}")
    return 2


def daemon_processes(home: Home) -> list[int]:
    """Pids of the ``hsync daemon run`` processes of this home (read from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().split(b"\0")
            environ = (entry / "environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"daemon" in cmdline and b"run" in cmdline and f"HSYNC_HOME={home.hsync_home}".encode() in environ:
            found.append(int(entry.name))
    return found
