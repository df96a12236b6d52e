"""The no-op memo (``hsync_core.store.memo``): an invocation that changed nothing last time, on
an unchanged setup, prints what it printed and exits as it exited, without running; anything
the result depends on that changed (a source, a listing, an optional file that appeared, an
output edited by hand, the config, the environment) makes it run in full. Through the CLI, in
real subprocesses, and through the API.

A run is *served* when it leaves ``state.json`` and the memo files untouched: a real sync saves
state, and every real run saves its memo again (or drops it).
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from test_render_cache import SETUPS, install, setup_id

from hsync_core.config import Config
from hsync_core.engine import Engine
from hsync_core.plugins import make_plugin_manager
from hsync_core.store.memo import RACY_NS, Memo, stat_of
from hsync_core.testing import HsyncEnv, write_sample_setup

NO_CACHE = {"HSYNC_NO_CACHE": "1"}


def settle(env: HsyncEnv, *also: Path) -> None:
    """Wait until the clock is past the freshness window of every file under the test root, so
    that the next run may keep a memo (a run keeps none when something changed just before it)."""
    newest = 0
    for base in (env.root, *also):
        for dirpath, dirnames, filenames in os.walk(base):
            for name in [".", *dirnames, *filenames]:
                st = os.lstat(os.path.join(dirpath, name))
                newest = max(newest, st.st_mtime_ns, st.st_ctime_ns)
    while time.time_ns() < newest + RACY_NS + 1_000_000:
        time.sleep((newest + RACY_NS + 1_000_000 - time.time_ns()) / 1e9 + 0.001)


def fingerprint(env: HsyncEnv) -> object:
    memo = env.hsync_home / "memo"
    files = sorted((p.name, stat_of(str(p), follow=False)) for p in memo.iterdir()) if memo.exists() else []
    return stat_of(str(env.hsync_home / "state.json"), follow=False), files


def outputs(env: HsyncEnv) -> dict[str, bytes | str]:
    return {k: v for k, v in env.snapshot().items() if not k.startswith(str(env.hsync_home))}


def audit_lines(env: HsyncEnv) -> list[dict]:
    path = env.hsync_home / "audit.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


@pytest.fixture
def synced(hsync_env: HsyncEnv) -> Path:
    """The sample setup, synced twice (the second run confirms what the first wrote) and settled,
    then synced and checked: those runs changed nothing and each kept a memo."""
    project = hsync_env.project("acme")
    write_sample_setup(hsync_env, project)
    for _ in range(2):
        assert hsync_env.run("sync", project=project).returncode == 0
    settle(hsync_env)
    kept = hsync_env.run("sync", project=project)
    assert kept.returncode == 0, kept.stderr
    settle(hsync_env)  # the sync saved state: fresh for the check that reads it
    assert hsync_env.run("check", project=project).returncode == 0
    kept_memos = [
        p for p in (hsync_env.hsync_home / "memo").glob("*.json") if not p.name.startswith("sources-")
    ]
    assert len(kept_memos) == 2, "both runs kept a memo"
    return project


def served(env: HsyncEnv, project: Path, *args: str, env_vars: dict[str, str] | None = None):
    """Run ``hsync sync`` (or ``args``); return (the run, whether the memo served it)."""
    before = fingerprint(env)
    done = env.run(*(args or ("sync",)), project=project, env=env_vars)
    return done, fingerprint(env) == before


def test_a_repeated_noop_is_served_and_prints_what_a_full_run_prints(
    hsync_env: HsyncEnv, synced: Path
) -> None:
    for args in (("sync",), ("sync", "-v"), ("sync", "--json"), ("check",), ("check", "--json")):
        settle(hsync_env)
        hsync_env.run(*args, project=synced)  # keeps the memo of this invocation
        logged = len(audit_lines(hsync_env))
        again, was_served = served(hsync_env, synced, *args)
        assert was_served, args
        full = hsync_env.run(*args, project=synced, env=NO_CACHE)
        assert (again.returncode, again.stdout, again.stderr) == (full.returncode, full.stdout, full.stderr)
        if args[0] == "sync":  # a served sync logs what the run it replays logged
            served_lines = audit_lines(hsync_env)[logged:]
            assert served_lines and {e["action"] for e in served_lines} <= {"allow", "deny", "skipped"}
    memo_files = list((hsync_env.hsync_home / "memo").iterdir())
    assert all(p.stat().st_mode & 0o077 == 0 for p in memo_files), "owner-only"


def test_check_catches_a_hand_edit_that_keeps_size_and_mtime(hsync_env: HsyncEnv, synced: Path) -> None:
    settle(hsync_env)
    assert hsync_env.run("check", project=synced).returncode == 0
    assert served(hsync_env, synced, "check")[1]
    agents_md = synced / "AGENTS.md"
    st = agents_md.stat()
    text = agents_md.read_text()
    body = text.index("\n", text.index("-->")) + 1  # past the managed block's begin marker
    index = next(i for i in range(body, len(text)) if text[i].islower() and text[i - 1] == " ")
    agents_md.write_text(text[:index] + text[index].upper() + text[index + 1 :])
    os.utime(agents_md, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert agents_md.stat().st_size == st.st_size
    check = hsync_env.run("check", project=synced)
    assert check.returncode == 4, check.stdout + check.stderr
    assert "AGENTS.md" in check.stdout


def _touch_keep(path: Path, text: str) -> None:
    """Replace ``path``'s text with ``text`` of the same size, keeping its mtime."""
    st = path.stat()
    assert len(text.encode()) == st.st_size
    path.write_text(text)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


def _edit_source_same_size(env: HsyncEnv, project: Path) -> None:
    path = env.home / ".claude" / "rules" / "testing.md"
    _touch_keep(path, path.read_text().replace("failing", "FAILING"))


def _add_command(env: HsyncEnv, project: Path) -> None:
    env.write(".claude/commands/deploy.md", "---\ndescription: Deploy\n---\nDeploy $1 now.\n")


def _remove_agent(env: HsyncEnv, project: Path) -> None:
    (env.home / ".claude" / "agents" / "code-reviewer.md").unlink()


def _retarget_command_link(env: HsyncEnv, project: Path) -> None:
    command = env.home / ".claude" / "commands" / "review.md"
    shared = env.root / "shared-commands"
    shared.mkdir()
    os.rename(command, shared / "review-a.md")
    (shared / "review-b.md").write_text("---\ndescription: Review B\n---\nReview $1 the other way.\n")
    command.symlink_to(shared / "review-a.md")
    env.run("sync", project=project)
    settle(env)
    assert env.run("sync", project=project).returncode == 0  # keeps a memo with the link to A
    settle(env)
    assert env.run("check", project=project).returncode == 0
    replacement = command.with_name(".review.md.new")
    replacement.symlink_to(shared / "review-b.md")
    os.replace(replacement, command)  # as ``ln -sfn`` does


def _create_project_claude_md(env: HsyncEnv, project: Path) -> None:
    target = project / "CLAUDE.md"
    if target.exists():
        target.unlink()
        return
    target.write_text("# Acme\n\n- Run the tests before pushing.\n")


def _create_import_target(env: HsyncEnv, project: Path) -> None:
    claude_md = env.home / ".claude" / "CLAUDE.md"
    claude_md.write_text(claude_md.read_text() + "\n@~/.claude/rules/later.md\n")
    env.run("sync", project=project)  # the import is dangling: this run reads the rule without it
    settle(env)
    assert env.run("sync", project=project).returncode == 0  # keeps a memo that knows it is absent
    settle(env)
    assert env.run("check", project=project).returncode == 0
    env.write(".claude/rules/later.md", "# Later\n\nA rule written afterwards.\n")


def _change_config(env: HsyncEnv, project: Path) -> None:
    env.write(env.hsync_home / "config.toml", "[targets.codex]\nkinds = ['rules']\n")


MUTATIONS = [
    _edit_source_same_size,
    _add_command,
    _remove_agent,
    _retarget_command_link,
    _create_project_claude_md,
    _create_import_target,
    _change_config,
]


@pytest.mark.parametrize("mutate", MUTATIONS, ids=lambda f: f.__name__.strip("_"))
def test_what_the_result_depends_on_invalidates_the_memo(hsync_env: HsyncEnv, synced: Path, mutate) -> None:
    mutate(hsync_env, synced)
    check = hsync_env.run("check", project=synced)  # served, it would say "in sync"
    assert check.returncode == 4, check.stdout + check.stderr
    done, was_served = served(hsync_env, synced)
    assert not was_served and done.returncode == 0, done.stdout + done.stderr
    after = outputs(hsync_env)
    full = hsync_env.run("sync", project=synced, env=NO_CACHE)
    assert full.returncode == 0
    assert outputs(hsync_env) == after, "the run after the change wrote what a full run writes"


def test_environment_options_and_a_left_journal_each_run_in_full(hsync_env: HsyncEnv, synced: Path) -> None:
    assert served(hsync_env, synced)[1]
    assert not served(hsync_env, synced, env_vars={"CODEX_HOME": str(hsync_env.home / ".codex2")})[1]
    assert not served(hsync_env, synced, "sync", "--force")[1], "only plain syncs are served"
    assert not served(hsync_env, synced, "sync", "--debounce", "0.01")[1]
    assert not served(hsync_env, synced, env_vars=NO_CACHE)[1]
    settle(hsync_env)
    hsync_env.run("sync", project=synced)
    assert served(hsync_env, synced)[1]
    (hsync_env.hsync_home / "pending.json").write_text('{"directories": [], "outputs": []}')
    assert not served(hsync_env, synced)[1], "a killed run's journal is recovered by a real run"
    assert not (hsync_env.hsync_home / "pending.json").exists()


def test_a_broken_memo_file_is_a_miss(hsync_env: HsyncEnv, synced: Path) -> None:
    for memo in (hsync_env.hsync_home / "memo").glob("*.json"):
        memo.write_text('{"format": 1, "follow": [')
    done, was_served = served(hsync_env, synced)
    assert done.returncode == 0 and not was_served and "Traceback" not in done.stderr


def test_the_engine_settles_only_a_run_that_rendered_nothing(hsync_env: HsyncEnv) -> None:
    project = hsync_env.project("acme")
    write_sample_setup(hsync_env, project)
    plugins = make_plugin_manager()

    def run(**env: str):
        from attrs import evolve

        ctx = evolve(hsync_env.context(project, config=Config()), environ={**hsync_env.environ, **env})
        return Engine(plugins, ctx).run()

    assert run().settled is None, "the first run wrote"
    run()
    settled = run().settled
    assert settled is not None
    assert str(project / "AGENTS.md") in settled.outputs
    assert list(settled.written) == [str(hsync_env.hsync_home / "state.json")]
    assert any('"action": "allow"' in line for line in settled.audit)
    assert run(**NO_CACHE).settled is None


def test_a_path_changed_just_before_the_run_is_not_vouched_for(tmp_path: Path) -> None:
    source = tmp_path / "CLAUDE.md"
    source.write_text("rules\n")
    (tmp_path / ".hsync").mkdir(mode=0o700)  # a memo never makes $HSYNC_HOME
    memo = Memo(tmp_path / ".hsync", "k")
    fresh = memo.save(
        code=0,
        lines=[("ok", False)],
        audit=[],
        follow=[str(source)],
        nofollow=[],
        written={},
        started_ns=os.stat(source).st_ctime_ns,  # the edit landed while the run was reading
    )
    assert fresh is False and memo.lookup() is None
    kept = memo.save(
        code=0,
        lines=[("ok", False)],
        audit=[],
        follow=[str(source), str(tmp_path / "absent.md")],
        nofollow=[],
        written={},
        started_ns=os.stat(source).st_ctime_ns + 10 * RACY_NS,
    )
    assert kept is True
    assert memo.lookup() == {"code": 0, "lines": [["ok", False]], "audit": [], "data": None}
    (tmp_path / "absent.md").write_text("now here\n")
    assert memo.lookup() is None, "an optional file that appeared"


def test_the_witness_sees_reads_listings_and_probes_not_writes(tmp_path: Path) -> None:
    from hsync_core.files.witness import probe, witness

    read = tmp_path / "read.md"
    read.write_text("x")
    folder = tmp_path / "folder"
    folder.mkdir()
    with witness() as seen:
        read.read_text()
        (tmp_path / "written.md").write_text("y")
        os.listdir(folder)
        probe(tmp_path / "absent.md")
        fd = os.open(tmp_path / "raw.md", os.O_WRONLY | os.O_CREAT, 0o600)
        os.close(fd)
    assert seen == {str(read), str(folder), str(tmp_path / "absent.md")}
    read.read_text()  # after the block: nobody records
    assert str(tmp_path / "written.md") not in seen


def test_a_memo_that_cannot_be_written_leaves_check_working(hsync_env: HsyncEnv, synced: Path) -> None:
    """A memo is optional: when it cannot be written (a full disk, injected), ``check`` still
    answers with its own code and says nothing of it."""
    settle(hsync_env)
    before = sorted(p.name for p in (hsync_env.hsync_home / "memo").iterdir())
    check = hsync_env.run("check", project=synced, env={"HSYNC_TEST_ENOSPC": "1"})
    assert (check.returncode, check.stderr) == (0, ""), check.stderr
    assert "every target is in sync" in check.stdout
    assert sorted(p.name for p in (hsync_env.hsync_home / "memo").iterdir()) == before


@pytest.mark.parametrize("setup", SETUPS, ids=setup_id)
def test_a_served_run_prints_what_a_full_run_prints_on_every_real_setup(
    hsync_env: HsyncEnv, setup: Path
) -> None:
    project = install(hsync_env, setup)
    assert hsync_env.run("sync", project=project).returncode == 0
    hsync_env.run("sync", project=project)  # confirms what the first wrote
    for args in (("sync", "-v"), ("check", "--json")):
        settle(hsync_env)
        hsync_env.run(*args, project=project)  # keeps the memo when it changed nothing
        again, was_served = served(hsync_env, project, *args)
        assert was_served, args
        full = hsync_env.run(*args, project=project, env=NO_CACHE)
        assert (again.returncode, again.stdout, again.stderr) == (full.returncode, full.stdout, full.stderr)
