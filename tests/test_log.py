"""``hsync log`` through the CLI: filters, JSON, the size cap with rotation (no entry lost inside
the cap), ``--follow`` printing an entry written after it started; ``--version`` lists adapters."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime

from hsync_core.store.audit import AuditLog, AuditQuery, log_files, parse_time, read_entries, recent_entries
from hsync_core.testing import HsyncEnv


def _write(env: HsyncEnv, count: int, *, time: str, target: str = "codex") -> None:
    log = AuditLog(env.hsync_home, trigger="cli", project=None, time=time)
    for i in range(count):
        log.record(target=target, kind="mcp", item=f"s{i}", action="create", reason="x" * 100)
        log.flush()


def test_filters_and_json(hsync_env: HsyncEnv) -> None:
    _write(hsync_env, 2, time="2020-01-01T00:00:00Z", target="gemini")
    _write(hsync_env, 3, time=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))
    recent = hsync_env.run("log", "--since", "2h", "--json")
    rows = [json.loads(line) for line in recent.stdout.splitlines()]
    assert recent.returncode == 0 and len(rows) == 3 and {r["target"] for r in rows} == {"codex"}
    old = hsync_env.run("log", "--until", "2021-01-01", "-t", "gemini")
    assert old.stdout.count("gemini") == 2
    assert hsync_env.run("log", "--kind", "rules").stdout == ""
    assert len(hsync_env.run("log", "-n", "1").stdout.splitlines()) == 1
    bad = hsync_env.run("log", "--since", "yesterday-ish")
    assert bad.returncode == 2 and "yesterday-ish" in bad.stderr


def test_rotation_caps_the_size_and_keeps_every_entry_inside_the_cap(
    hsync_env: HsyncEnv, monkeypatch
) -> None:
    monkeypatch.setenv("HSYNC_AUDIT_MAX_BYTES", "2000")
    _write(hsync_env, 40, time="2024-01-01T00:00:00Z")
    files = log_files(hsync_env.hsync_home)
    assert len(files) == 4 and all(f.stat().st_size <= 2000 for f in files)
    items = [e["item"] for e in read_entries(hsync_env.hsync_home)]
    # entries are dropped only whole files at a time, oldest first, and none inside the cap
    assert items == [f"s{i}" for i in range(40 - len(items), 40)]
    assert len(items) >= 3 * (2000 // 260)


def test_parse_time() -> None:
    now = datetime(2025, 1, 2, 12, tzinfo=UTC)
    assert parse_time("2h", now) == datetime(2025, 1, 2, 10, tzinfo=UTC)
    assert AuditQuery(since=parse_time("1d", now)).matches({"time": "2025-01-02T00:00:00Z"})


def test_follow_prints_new_entries(hsync_env: HsyncEnv) -> None:
    _write(hsync_env, 1, time="2024-01-01T00:00:00Z")
    process = subprocess.Popen(
        [sys.executable, "-m", "hsync_core.cli", "log", "--follow", "--json"],
        env=hsync_env.environ,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert json.loads(process.stdout.readline())["item"] == "s0"  # the existing entry first
        log = AuditLog(hsync_env.hsync_home, trigger="daemon", project=None, time="2024-01-02T00:00:00Z")
        log.record(target="codex", kind="rules", item="later", action="update")
        log.flush()
        assert json.loads(process.stdout.readline())["item"] == "later"  # blocks until it is printed
    finally:
        process.terminate()
        process.wait()


def test_version_lists_adapters(hsync_env: HsyncEnv) -> None:
    done = hsync_env.run("--version", env={"HSYNC_LOAD_PLUGINS": "codex"})
    lines = done.stdout.splitlines()
    assert lines[0].startswith("hsync, version ") and lines[1].startswith("  codex: hsync-codex ")


def test_recent_activity_leaves_out_the_kind_records_of_every_sync(hsync_env: HsyncEnv) -> None:
    """What the monitor shows: what hsync did, not the allow/deny of whole kinds every sync logs."""
    log = AuditLog(hsync_env.hsync_home, trigger="daemon", project=None, time="2026-11-30T07:00:00Z")
    log.record(target="codex", kind="skills", item="pdf", action="create", reason="")
    for kind in ("rules", "skills", "agents", "commands", "mcp", "settings", "hooks", "plugins"):
        log.record(target="codex", kind=kind, item=None, action="allow", reason="config kinds")
    log.record(target="codex", kind="agents", item="sql", action="deny", reason="excluded by config pattern")
    log.flush()
    shown = recent_entries(hsync_env.hsync_home, 5)
    assert [(e["action"], e["item"]) for e in shown] == [("create", "pdf"), ("deny", "sql")]
