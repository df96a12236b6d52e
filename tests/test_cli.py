"""The ``hsync`` CLI as a user runs it: real subprocesses, a temporary home, the fake adapter
installed through a real entry point."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time

import pytest

from hsync_core.testing import write_sample_setup

from conftest import install_fake_distribution

T = "fakeharness"
RUNTIME = ("sync.lock", "debounce")  # hsync's own lock and debounce marks, not outputs


def written(env) -> dict:
    """Every file under the temporary root except hsync's runtime bookkeeping."""
    return {
        p: v
        for p, v in env.snapshot().items()
        if not p.endswith(RUNTIME) and f"{os.sep}debounce{os.sep}" not in p
    }


@pytest.fixture
def project(env):
    project = env.project()
    write_sample_setup(env, project)
    return project


def test_sync_json_document_and_second_run_unchanged(env, project):
    done = env.run("sync", "--json", project=project)
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["ok"] is True and document["dry_run"] is False
    target = document["targets"][T]
    assert target["status"] == "success"
    assert target["counts"]["created"] == 17 and target["counts"]["failed"] == 0
    item = next(i for i in target["items"] if i["name"] == "github" and i["path"].endswith("config.toml"))
    assert item == {**item, "kind": "mcp", "scope": "user", "action": "create", "reason": None}
    again = json.loads(env.run("sync", "--json", project=project).stdout)
    assert again["targets"][T]["status"] == "unchanged"


def test_human_output_lists_changes_and_no_colour_without_a_terminal(env, project):
    done = env.run("sync", project=project)
    assert done.returncode == 0
    assert f"{T}: success" in done.stdout
    assert "+ create" in done.stdout and "\x1b[" not in done.stdout


def test_dry_run_and_diff_print_diffs_and_write_nothing(env, project):
    before = env.snapshot()
    dry = env.run("sync", "--dry-run", project=project)
    assert dry.returncode == 0, dry.stderr
    assert "+++ ~/.fake/agents/code-reviewer.md" in dry.stdout
    assert "+ mcp_servers.github" in dry.stdout and "+ mcpServers.github" in dry.stdout
    diff = env.run("diff", project=project)
    assert diff.returncode == 0 and "+<!-- hsync:begin -->" in diff.stdout
    assert env.snapshot() == before, "dry runs write nothing, not even state"


def test_check_exit_codes(env, project):
    out_of_sync = env.run("check", project=project)
    assert out_of_sync.returncode == 4
    assert f"{T}: would create agents code-reviewer" in out_of_sync.stdout
    env.run("sync", project=project)
    in_sync = env.run("check", "--json", project=project)
    assert in_sync.returncode == 0 and json.loads(in_sync.stdout)["in_sync"] is True
    (project / ".claude/agents/sql-expert.md").unlink()
    stale = env.run("check", project=project)
    assert stale.returncode == 4 and "would remove agents sql-expert" in stale.stdout


def test_status_shows_last_sync_changed_sources_and_drift(env, project):
    env.run("sync", project=project)
    (env.home / ".fake/agents/code-reviewer.md").write_text("hand edit\n")
    (project / "CLAUDE.md").write_text("# changed\n")
    status = env.run("status", "--json", project=project)
    assert status.returncode == 0, status.stderr
    info = json.loads(status.stdout)["targets"][T]
    assert info["user"]["result"] == "success" and info["user"]["last_sync"]
    assert info["user"]["drifted"] == [str(env.home / ".fake/agents/code-reviewer.md")]
    assert info["user"]["sources_changed"] is False and info["project"]["sources_changed"] is True
    human = env.run("status", project=project)
    assert "drifted  ~/.fake/agents/code-reviewer.md" in human.stdout


def test_sources_lists_every_item(env, project):
    done = env.run("sources", "--json", project=project)
    assert done.returncode == 0
    items = json.loads(done.stdout)["items"]
    assert {"kind": "mcp", "name": "notes-local", "scope": "local", "level": "project"}.items() <= next(
        i for i in items if i["name"] == "notes-local"
    ).items()


def test_targets_reports_packages_and_broken_adapters(env, fake_site):
    install_fake_distribution(
        fake_site,
        "hsync-broken",
        "[hsync]\nbroken = broken_adapter\n",
        {"broken_adapter": "raise ImportError('missing dependency xyz')\n"},
    )
    done = env.run("targets", "--json", env={"HSYNC_LOAD_PLUGINS": "fakeharness,broken"})
    document = json.loads(done.stdout)
    assert [(t["name"], t["package"], t["version"]) for t in document["targets"]] == [
        (T, "hsync-fakeharness", "0.1.0")
    ]
    assert document["errors"] == [
        {"name": "broken", "package": "hsync-broken", "error": "ImportError: missing dependency xyz"}
    ]
    assert done.returncode == 1
    # one broken adapter breaks nothing else
    project = env.project()
    synced = env.run("sync", project=project, env={"HSYNC_LOAD_PLUGINS": "fakeharness,broken"})
    assert synced.returncode == 0, synced.stderr


def test_two_adapters_claiming_one_target_is_a_clear_error(env, fake_site, project):
    install_fake_distribution(
        fake_site,
        "hsync-impostor",
        "[hsync]\nfakeharness = fake_adapter_two\n",
        {"fake_adapter_two": (fake_site / "fake_adapter.py").read_text()},
    )
    done = env.run(
        "sync", project=project, env={"HSYNC_LOAD_PLUGINS": ""} | {"HSYNC_LOAD_PLUGINS": "fakeharness"}
    )
    assert done.returncode == 2
    assert "target 'fakeharness' is claimed by hsync-fakeharness and hsync-impostor" in done.stderr
    assert not (env.home / ".fake").exists()


def test_plugin_environment_switches(env, project):
    none = json.loads(env.run("targets", "--json", env={"HSYNC_LOAD_PLUGINS": ""}).stdout)
    assert none["targets"] == []
    disabled = json.loads(
        env.run("targets", "--json", env={"HSYNC_DISABLE_PLUGINS": "hsync-fakeharness"}).stdout
    )
    assert disabled["targets"] == []
    traced = env.run("sync", "--dry-run", project=project, env={"HSYNC_TRACE_PLUGINS": "1"})
    assert "hsync trace: read_sources(ctx)" in traced.stderr
    assert "hsync trace: render_target(ctx, sources, target)" in traced.stderr


@pytest.mark.parametrize(
    ("relative", "text", "line"),
    [
        ("project/.mcp.json", '{\n  "mcpServers": {\n    "a": {"command": "x",}\n  }\n', 3),
        ("home/.claude.json", "{\n  nope\n}\n", 2),
        ("home/.claude/settings.json", '{"permissions": []}', None),
        ("project/.claude/settings.json", '{\n\n"a" 1}', 3),
    ],
)
def test_malformed_sources_exit_2_with_one_line_and_write_nothing(env, project, relative, text, line):
    bad = env.root / relative
    bad.write_text(text)
    before = written(env)
    done = env.run("sync", project=project)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1
    where = f"{bad}:{line}:" if line else f"{bad}:"
    assert where in lines[0], lines[0]
    assert written(env) == before


def test_bad_config_names_file_and_key(env, project):
    env.write(
        project / ".hsync.toml",
        'kinds = ["rules", "nonsense"]\ncolour = "blue"\n[targets.codex]\nexclude = 3\n',
    )
    done = env.run("sync", project=project)
    assert done.returncode == 2
    text = done.stderr
    assert f"{project / '.hsync.toml'}: " in text
    assert "colour" in text and "kinds" in text and "targets.codex.exclude" in text
    assert not (env.hsync_home / "state.json").exists()
    env.write(env.hsync_home / "config.toml", "targets = [\n")
    broken = env.run("sync", project=project)
    assert broken.returncode == 2 and f"{env.hsync_home / 'config.toml'}:" in broken.stderr


def test_config_targets_list_or_table(env, project):
    env.write(env.hsync_home / "config.toml", 'targets = ["fakeharness"]\nkinds = ["rules"]\n')
    done = json.loads(env.run("sync", "--json", project=project).stdout)
    assert {i["kind"] for i in done["targets"][T]["items"]} == {"rules"}
    env.write(project / ".hsync.toml", "[targets.fakeharness]\nenabled = false\n")
    off = json.loads(env.run("sync", "--json", project=project).stdout)
    assert off["targets"] == {}


def test_broken_items_are_skipped_exit_0_rest_synced_strict_exits_1(env, project):
    env.write(".claude/skills/bad/SKILL.md", "---\nname: bad\ndescription: no closing fence\n")
    env.write(project / ".claude/agents/escape.md", "---\nname: a/../../b\ndescription: x\n---\nbody\n")
    done = env.run("sync", project=project)
    assert done.returncode == 0, done.stderr
    assert "skipped skills 'bad' [user] (~/.claude/skills/bad/SKILL.md)" in done.stderr
    assert "broken front matter" in done.stderr
    assert "skipped agents 'a/../../b' [project]" in done.stderr
    assert (env.home / ".fake/agents/code-reviewer.md").exists()
    # a skip is not an error: check is in sync; --strict makes skips fail
    assert env.run("check", project=project).returncode == 0
    assert env.run("check", "--strict", project=project).returncode == 1
    assert env.run("sync", "--strict", project=project).returncode == 1


def test_newer_state_is_refused_and_left_untouched(env, project):
    state = env.write(env.hsync_home / "state.json", json.dumps({"schema_version": 99, "scopes": {}}))
    before = state.read_bytes()
    done = env.run("sync", project=project)
    assert done.returncode == 2 and "newer hsync" in done.stderr
    assert state.read_bytes() == before
    assert not (env.home / ".fake").exists()


def test_corrupt_state_is_kept_and_replaced(env, project):
    env.write(env.hsync_home / "state.json", "{ not json")
    done = env.run("sync", project=project)
    assert done.returncode == 0
    assert "kept as state.json.corrupt-" in done.stderr
    assert list(env.hsync_home.glob("state.json.corrupt-*"))
    assert json.loads((env.hsync_home / "state.json").read_text())["schema_version"] == 2


HOLDER = textwrap.dedent("""
    import fcntl, os, sys, time
    fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    os.ftruncate(fd, 0); os.write(fd, f"{os.getpid()}\\n".encode())
    print("locked", flush=True)
    sys.stdin.readline()  # hold the lock until the test says so: no timing involved
""")


def test_lock_held_exits_3_naming_the_holder_and_wait_waits(env, project):
    env.hsync_home.mkdir(parents=True, exist_ok=True)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(env.hsync_home / "sync.lock")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        refused = env.run("sync", project=project)
        assert refused.returncode == 3
        assert f"pid {holder.pid}" in refused.stderr and "--wait" in refused.stderr
        waiter = subprocess.Popen(
            [sys.executable, "-m", "hsync_core.cli", "--project", str(project), "sync", "--wait", "600"],
            env=env.environ,
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        holder.communicate("release\n")  # the lock is let go only now; the waiter then syncs
        _out, err = waiter.communicate()
        assert waiter.returncode == 0, err
    finally:
        holder.kill()
        holder.wait()


def holds_open(pid: int, path) -> bool:
    """Whether process ``pid`` has ``path`` open (a sync waiting for the run lock keeps it open)."""
    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return False
    for fd in fds:
        try:
            if os.readlink(f"/proc/{pid}/fd/{fd}") == str(path):
                return True
        except OSError:
            continue
    return False


def wait_until(condition, *, unless, patience: float = 600.0) -> bool:
    """Wait for an event (``condition``), giving up when ``unless`` is true or after a generous
    ``patience`` (a lost event, never a speed goal)."""
    deadline = time.monotonic() + patience
    while not condition():
        if unless() or time.monotonic() > deadline:
            return condition()
        time.sleep(0.02)
    return True


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc to see who waits for the lock")
def test_debounced_triggers_coalesce_and_keep_the_last_change(env, project):
    """Four triggers, each made after an edit, queue behind a held run lock: the first to get the
    lock syncs the last edit, and the three others find that sync started after them (covered).
    The test waits on events (each trigger has the lock file open), never on time."""
    assert env.run("sync", project=project).returncode == 0
    lock = env.hsync_home / "sync.lock"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(lock)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    procs = []
    try:
        assert holder.stdout.readline().strip() == "locked"
        for n in range(4):
            (project / "CLAUDE.md").write_text(f"# edit {n}\n")
            proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "hsync_core.cli",
                    "--project",
                    str(project),
                    "sync",
                    "--debounce",
                    "1",
                ],
                env=env.environ,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            procs.append(proc)
            # the trigger was made (its request time recorded) once it waits for the lock
            assert wait_until(
                lambda p=proc: holds_open(p.pid, lock), unless=lambda p=proc: p.poll() is not None
            )
        holder.communicate("release\n")
        outputs = [p.communicate(timeout=600) for p in procs]
    finally:
        for proc in [holder, *procs]:
            proc.kill()
            proc.wait()
    assert all(p.returncode == 0 for p in procs), outputs
    assert "# edit 3" in (project / ".fake/FAKE.md").read_text()
    covered = sum("already covered" in out for out, _ in outputs)
    assert covered == 3, outputs


def test_home_directory_is_not_a_project(env):
    write_sample_setup(env, env.project())
    done = env.run("sync", "--json", cwd=env.home)
    assert done.returncode == 0, done.stderr
    paths = [i["path"] for i in json.loads(done.stdout)["targets"][T]["items"] if i.get("path")]
    assert paths and all(p.startswith(str(env.home / ".fake")) for p in paths)


def test_version_and_help(env):
    assert env.run("--version").stdout.startswith("hsync, version ")
    helped = env.run("--help")
    assert helped.returncode == 0 and "sync" in helped.stdout and "Exit codes" in helped.stdout


def test_unknown_target_is_a_usage_error(env, project):
    done = env.run("sync", "--target", "nope", project=project)
    assert done.returncode == 2 and "unknown target nope" in done.stderr


def test_harnesssync_last_sync_times_are_imported_once(env, project):
    env.write(
        ".harnesssync/state.json",
        json.dumps(
            {
                "version": 1,
                "targets": {
                    "codex": {"last_sync": "2026-01-02T03:04:05", "status": "success", "file_hashes": {}}
                },
            }
        ),
    )
    first = env.run("sync", project=project)
    assert "imported last-sync times of 1 target(s) from HarnessSync" in first.stderr
    state = json.loads((env.hsync_home / "state.json").read_text())
    assert state["scopes"]["user"]["targets"]["codex"]["last_sync"] == "2026-01-02T03:04:05"
    second = env.run("sync", project=project)
    assert "HarnessSync" not in second.stderr


def run_in_terminal(env, *args, extra=None):
    """Run hsync with stdout on a pseudo-terminal; return what it printed."""
    import pty

    primary, secondary = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "hsync_core.cli", *args],
        stdout=secondary,
        stderr=subprocess.PIPE,
        env={**env.environ, **(extra or {})},
    )
    os.close(secondary)
    chunks = []
    while True:
        try:
            data = os.read(primary, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=600)
    os.close(primary)
    return b"".join(chunks).decode()


def test_colour_on_a_terminal_unless_no_color(env, project):
    coloured = run_in_terminal(env, "--project", str(project), "sync", "--dry-run")
    assert "\x1b[" in coloured
    plain = run_in_terminal(env, "--project", str(project), "sync", "--dry-run", extra={"NO_COLOR": "1"})
    assert "\x1b[" not in plain and "fakeharness" in plain
