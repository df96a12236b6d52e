"""``python -m campaigns NAME [--trials N] [--seed S]`` (run from ``tests/``; ``scripts/campaign``
does that): run one campaign, or ``all``, and print its figures. Exit 1 on any violation."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

#: the long run of each campaign: (trials, what a trial is)
LONG = {
    "crash": (1000, "kills"),
    "race": (20, "rounds of 11 writers"),
    "bad-input": (0, "cases (0: every case twice)"),
    "secrets": (20, "homes"),
    "socket": (500, "bad messages"),
    "properties": (3000, "examples per property"),
}


def main() -> int:
    parser = argparse.ArgumentParser(prog="scripts/campaign", description=__doc__)
    parser.add_argument("name", choices=[*LONG, "all"])
    parser.add_argument("--trials", type=int, default=None, help="trials (default: the long run)")
    parser.add_argument("--seed", type=int, default=int(time.time()) % 100000)
    parser.add_argument(
        "--minutes",
        type=float,
        default=None,
        help="crash only: start no new trial after this many minutes (figures count the trials run)",
    )
    args = parser.parse_args()
    names = list(LONG) if args.name == "all" else [args.name]
    rows = []
    for name in names:
        trials = args.trials or LONG[name][0] or 2 * len(campaign(name).CASES)
        started = time.monotonic()
        print(f"== {name}: {trials} {LONG[name][1]}, seed {args.seed}", flush=True)
        if name == "properties":
            ok, summary = properties(trials)
            rows.append((name, trials, 0 if ok else 1, summary))
        else:
            extra = {"minutes": args.minutes} if name == "crash" and args.minutes else {}
            outcome = campaign(name).run(trials, seed=args.seed, log=lambda s: print(s, flush=True), **extra)
            for violation in outcome.violations:
                print(f"VIOLATION {violation}")
            rows.append((name, outcome.trials, len(outcome.violations), outcome.summary()))
        print(f"   {rows[-1][3]} ({time.monotonic() - started:.0f} s)", flush=True)
    print("\ncampaign | trials | violations")
    for name, trials, violations, _ in rows:
        print(f"{name} | {trials} | {violations}")
    return 1 if any(r[2] for r in rows) else 0


def campaign(name: str):
    from importlib import import_module

    module = {"bad-input": "badinput", "socket": "sockets"}.get(name, name)
    return import_module(f"campaigns.{module}")


def properties(examples: int) -> tuple[bool, str]:
    here = Path(__file__).resolve().parent.parent
    env = {
        **os.environ,
        "HSYNC_HYPOTHESIS_PROFILE": "long",
        "HSYNC_PIPELINE_EXAMPLES": str(max(examples // 30, 6)),
    }
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            str(here / "test_properties.py"),
            "-q",
            "-p",
            "no:cacheprovider",
            f"--hypothesis-seed={examples}",
        ],
        env=env,
        check=False,
    )
    return done.returncode == 0, f"properties: pytest exited {done.returncode}"


if __name__ == "__main__":
    sys.exit(main())
