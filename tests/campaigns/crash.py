"""Crash anywhere: SIGKILL ``hsync sync`` at random moments and at every write boundary.

Each trial changes the sources at random, snapshots every output, starts ``hsync sync`` and
kills it — half the trials at an injected write boundary (``HSYNC_TEST_KILL_AT``: the n-th temp
file staged, the n-th rename, just before state is saved), half after a random delay. Then:

- every output is its old or its new complete version (the new one is what the next, converging
  sync leaves), and every JSON/TOML/Markdown output parses;
- no ``.hsync-tmp-*`` file is left once the next sync ran;
- the state loads; the next sync converges (exit 0) and a further sync changes nothing;
- every byte of the user's own content in the shared files is unchanged.
"""

from __future__ import annotations

import random
import signal
import time
from collections.abc import Callable

from hsync_core.files.atomicio import TEMP_PREFIX

from .common import Home, Outcome, no_op, parse_problem, state_problem, user_bytes_problem

POINTS = ("stage", "rename", "save")


def run(
    trials: int,
    seed: int = 0,
    log: Callable[[str], None] = print,
    size: int = 20,
    minutes: float | None = None,
) -> Outcome:
    """Up to ``trials`` kills; with ``minutes``, no new trial starts once that much time passed
    (the outcome counts the trials run)."""
    outcome = Outcome("crash")
    ends = time.monotonic() + minutes * 60 if minutes else None
    rng = random.Random(seed)
    home = Home(size=size, seed=seed)
    kills = injected = 0
    try:
        first = home.hsync("sync", "-q")
        if first.returncode != 0:
            outcome.violation(0, f"the first sync failed: {first.stderr.strip()}")
            return outcome
        started = time.monotonic()
        home.hsync("sync", "-q")
        typical = max(time.monotonic() - started, 0.2)
        for trial in range(1, trials + 1):
            if ends is not None and time.monotonic() >= ends:
                log(f"crash: the {minutes:g}-minute budget ended after {trial - 1} trials")
                break
            outcome.trials = trial
            for _ in range(rng.randint(1, 3)):
                home.mutate()
            before = home.outputs()
            if trial % 2:
                point = rng.choice(POINTS)
                n = 1 if point == "save" else rng.randint(1, 6)
                proc = home.popen("sync", "-q", env={"HSYNC_TEST_KILL_AT": f"{point}:{n}"})
                proc.communicate(timeout=600)
                killed = proc.returncode == -signal.SIGKILL
                injected += killed
            else:
                proc = home.popen("sync", "-q")
                time.sleep(rng.uniform(0, typical * 1.5))
                proc.send_signal(signal.SIGKILL)
                proc.communicate(timeout=600)
                killed = proc.returncode == -signal.SIGKILL
            kills += killed
            after_kill = {p: d for p, d in home.outputs().items() if TEMP_PREFIX not in p}  # temps: below
            for path, data in after_kill.items():
                problem = parse_problem(path, data)
                if problem:
                    outcome.violation(trial, f"{path} is half-written after the kill: {problem}")
            problem = state_problem(home)
            if problem:
                outcome.violation(trial, problem)
            converge = home.hsync("sync", "-q")
            if converge.returncode != 0:
                outcome.violation(
                    trial,
                    f"the sync after the kill exited {converge.returncode}: {converge.stderr.strip()[:300]}",
                )
            converged = home.outputs()
            for path in set(before) | set(after_kill) | set(converged):
                if after_kill.get(path) not in (before.get(path), converged.get(path)):
                    outcome.violation(trial, f"{path} is neither its old nor its new version after the kill")
            again = home.hsync("sync", "--json")
            if not no_op(again.stdout) or home.outputs() != converged or again.returncode != 0:
                outcome.violation(trial, "a second sync after convergence was not a no-op")
            temps = home.temp_files()
            if temps:
                outcome.violation(trial, f"temp files left after the next sync: {temps[:3]}")
            problem = user_bytes_problem(home)
            if problem:
                outcome.violation(trial, problem)
            if trial % 50 == 0:
                log(f"crash: {trial}/{trials} trials, {kills} kills, {len(outcome.violations)} violations")
    finally:
        home.cleanup()
    outcome.figures.update(kills=kills, at_write_boundaries=injected)
    return outcome
