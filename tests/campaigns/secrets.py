"""Secrets: environment values and tokens never leak, and what may hold them is owner-only.

Each trial writes MCP servers whose credentials are ``${VAR}`` references (with the variables
set in hsync's environment to random values) and literal tokens (in a 0600 ``~/.claude.json``),
syncs, forces a hand-edited output to be overwritten (so a backup is made), and runs
``--dry-run``, ``diff`` and ``--json``. Then:

- no environment value appears in any file below the temporary root (outputs, state, audit log,
  backups, notifications) nor in any output printed;
- no literal token is printed by ``--dry-run`` or ``diff``;
- every file holding a literal token is 0600, and ``$HSYNC_HOME`` (0700), ``state.json``, the
  lock, the audit log and the backups are owner-only.
"""

from __future__ import annotations

import json
import os
import random
import stat
import string
from collections.abc import Callable
from pathlib import Path

from .common import Home, Outcome


def token(rng: random.Random, prefix: str) -> str:
    return prefix + "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(24))


def run(trials: int, seed: int = 0, log: Callable[[str], None] = print) -> Outcome:
    outcome = Outcome("secrets")
    rng = random.Random(seed)
    for trial in range(1, trials + 1):
        outcome.trials = trial
        home = Home(size=2, seed=seed + trial)
        try:
            for text in one(home, rng):
                outcome.violation(trial, text)
        finally:
            home.cleanup()
    return outcome


def one(home: Home, rng: random.Random) -> list[str]:
    problems: list[str] = []
    env_values = {f"HSYNC_SECRET_{i}": token(rng, "envvalue-") for i in range(3)}
    literals = [token(rng, "sk-literal-"), token(rng, "ghp_")]
    home.servers = {
        "ref-stdio": {"command": "npx", "args": ["s"], "env": {"API_KEY": "${HSYNC_SECRET_0}"}},
        "ref-http": {
            "type": "http",
            "url": "https://mcp.example.com/mcp",
            "headers": {"Authorization": "Bearer ${HSYNC_SECRET_1}"},
        },
        "literal-stdio": {"command": "npx", "args": ["t"], "env": {"API_KEY": literals[0]}},
        "literal-http": {
            "type": "http",
            "url": "https://other.example.com/mcp",
            "headers": {"Authorization": f"Bearer {literals[1]}"},
        },
    }
    home._write_servers()
    printed = []
    dry = home.hsync("sync", "--dry-run", env=env_values)
    printed += [dry.stdout, dry.stderr]
    first = home.hsync("sync", "--json", env=env_values)
    printed += [first.stdout, first.stderr]
    # a hand edit of a file holding a token, overwritten with --force: a backup is made
    edited = 0
    for path in home.outputs():
        text = Path(path).read_text(encoding="utf-8", errors="replace")
        if literals[0] in text:
            Path(path).write_text(text.replace(literals[0], literals[0] + "-edited"), encoding="utf-8")
            edited += 1
    if not edited:
        problems.append("no output holds the literal token (was it written at all?)")
    home.servers["literal-stdio"]["args"] = ["changed"]
    home._write_servers()
    diff = home.hsync("diff", env=env_values)
    printed += [diff.stdout, diff.stderr]
    forced = home.hsync("sync", "--force", env=env_values)
    printed += [forced.stdout, forced.stderr]
    for name, value in env_values.items():
        for text in printed:
            if value in text:
                problems.append(f"the value of ${name} was printed")
                break
    for literal in literals:
        for text in (dry.stdout, dry.stderr, diff.stdout, diff.stderr):
            if literal in text:
                problems.append("a literal token was printed by --dry-run or diff")
                break
    for dirpath, _, filenames in os.walk(home.root):
        for name in filenames:
            path = Path(dirpath, name)
            if path.is_symlink() or not path.is_file() or path == home.home / ".claude.json":
                continue
            data = path.read_bytes()
            for var, value in env_values.items():
                if value.encode() in data:
                    problems.append(f"{path} holds the value of ${var}")
            mode = stat.S_IMODE(path.stat().st_mode)
            if any(lit.encode() in data for lit in literals) and mode & 0o077:
                problems.append(f"{path} holds a token and is {oct(mode)}")
    hh = home.hsync_home
    expected = [(hh, 0o700), (hh / "state.json", 0o600), (hh / "sync.lock", 0o600)]
    expected += [(p, 0o600) for p in hh.glob("*.jsonl")]
    backups = hh / "backups"
    if not backups.is_dir():
        problems.append("no backup was made by the forced overwrite")
    else:
        expected += [(p, 0o700) for p in [backups, *backups.iterdir()]]  # files: checked above
    for path, mode in expected:
        actual = stat.S_IMODE(path.stat().st_mode) if path.exists() else None
        if actual is None or actual & ~mode & 0o777:
            problems.append(
                f"{path} is {oct(actual) if actual is not None else 'missing'}, expected {oct(mode)}"
            )
    json.dumps(problems)
    return problems
