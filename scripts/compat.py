"""The compatibility run: every adapter's real-CLI tests against the latest release of its harness.

    scripts/compat [--only NAME ...] [--pinned]

For each harness it asks the npm registry for the newest version, runs the ``realcli`` tests with
``HSYNC_CLIENT_VERSIONS`` pointing them at it (``--pinned`` runs the pinned versions instead), and
writes ``docs/compatibility.md``: harness × pinned version × tested version × result, with the
first line of every failure. Real-CLI tests install each version once into the clients cache.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: harness, npm package, the tests that run it
HARNESSES = [
    ("Claude Code", "@anthropic-ai/claude-code", ["tests/test_claude_plugin.py"]),
    ("Codex CLI", "@openai/codex", ["plugins/hsync-codex/tests"]),
    ("Gemini CLI", "@google/gemini-cli", ["plugins/hsync-gemini/tests"]),
    ("OpenCode", "opencode-ai", ["plugins/hsync-opencode/tests"]),
    ("GitHub Copilot CLI", "@github/copilot", ["plugins/hsync-copilot/tests"]),
    ("Kilo Code CLI", "@kilocode/cli", ["plugins/hsync-kilo/tests"]),
    ("Qwen Code", "@qwen-code/qwen-code", ["plugins/hsync-qwen/tests"]),
]


def latest(package: str) -> str | None:
    done = subprocess.run(["npm", "view", package, "version"], capture_output=True, text=True, check=False)
    version = done.stdout.strip().splitlines()[-1] if done.returncode == 0 and done.stdout.strip() else ""
    return version or None


def run(name: str, package: str, tests: list[str], version: str | None) -> dict:
    with tempfile.TemporaryDirectory() as scratch:
        log, junit = Path(scratch, "clients.jsonl"), Path(scratch, "junit.xml")
        env = {**os.environ, "HSYNC_CLIENT_LOG": str(log)}
        if version:
            env["HSYNC_CLIENT_VERSIONS"] = f"{package}={version}"
        command = [sys.executable, "-m", "pytest", "-q", "-m", "realcli", f"--junitxml={junit}", *tests]
        subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
        uses = [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []
        used = next((u for u in uses if u["package"] == package), None)
        passed, failures = 0, []
        if junit.exists():
            for case in ET.parse(junit).getroot().iter("testcase"):
                problem = case.find("failure") if case.find("failure") is not None else case.find("error")
                if problem is None:
                    passed += case.find("skipped") is None
                    continue
                text = (problem.get("message") or problem.text or "").strip()
                if "npm install" in text and "failed" in text:  # say why the install failed
                    lines = [line.replace("npm error", "").strip() for line in text.splitlines()]
                    why = [line for line in lines if "No matching version" in line or "ETARGET" in line]
                    text = "npm install failed: " + (why[0] if why else "see the test's output")
                message = text.splitlines()
                failures.append(f"{case.get('name')}: {message[0][:200] if message else 'failed'}")
    return {
        "harness": name,
        "package": package,
        "pinned": used["pinned"] if used else None,
        "version": used["version"] if used else version,
        "passed": passed,
        "failures": failures,
    }


BEGIN, END = "<!-- compat:begin (written by scripts/compat) -->", "<!-- compat:end -->"


def table(results: list[dict], pinned_only: bool) -> str:
    today = datetime.date.today().isoformat()
    lines = [
        BEGIN,
        "",
        f"The real-CLI tests of each adapter run against {'the pinned' if pinned_only else 'the newest'} "
        f"release of its harness from the npm registry (`scripts/compat`{' --pinned' if pinned_only else ''}, "
        f"{today}). CI runs the pinned versions.",
        "",
        "| harness | npm package | pinned (CI) | tested | result |",
        "|---|---|---|---|---|",
    ]
    notes = []
    for r in results:
        failed = len(r["failures"])
        result = f"{r['passed']} passed" + (f", **{failed} failed**" if failed else "")
        if not r["passed"] and not failed:
            result = "**no test ran** (not installable?)"
        lines.append(
            f"| {r['harness']} | `{r['package']}` | {r['pinned'] or '?'} | {r['version'] or '?'} | {result} |"
        )
        notes += [f"- {r['harness']} {r['version']}: {f}" for f in r["failures"]]
    if notes:
        lines += ["", "Failures:", "", *notes]
    return "\n".join([*lines, "", END]) + "\n"


def write_table(path: Path, text: str) -> None:
    """Put the table between its markers, keeping every other line of ``path``."""
    old = path.read_text(encoding="utf-8") if path.exists() else "# Compatibility\n\n"
    if BEGIN in old and END in old:
        new = old[: old.index(BEGIN)] + text.rstrip("\n") + old[old.index(END) + len(END) :]
    else:
        head, sep, rest = old.partition("\n\n")
        new = head + sep + text + ("\n" + rest if rest else "")
    path.write_text(new, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="harness packages or names to run")
    parser.add_argument("--pinned", action="store_true", help="run the pinned versions")
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "compatibility.md")
    args = parser.parse_args()
    results = []
    for name, package, tests in HARNESSES:
        if args.only and package not in args.only and name not in args.only:
            continue
        version = None if args.pinned else latest(package)
        print(f"{name}: {package}@{version or 'pinned'} …", flush=True)
        result = run(name, package, tests, version)
        print(f"  {result['passed']} passed, {len(result['failures'])} failed", flush=True)
        results.append(result)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    write_table(args.output, table(results, args.pinned))
    print(f"wrote {args.output.relative_to(ROOT)}")
    return 1 if any(r["failures"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
