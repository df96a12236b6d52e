"""The front door of the command line (``hsync_core.cli.door``): a repeated no-op ``sync`` or
``check`` and the help of the group or of a command are answered from the memo before click is
imported, and print what the full run printed; a change to the code that made a help (an edited
module on ``PYTHONPATH``, an editable install's sources) is seen at once. Real subprocesses that
report the modules they imported, and the API."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from test_noop_memo import settle, synced  # noqa: F401  (a fixture)

from hsync_core.cli.door import help_invocation, split_group_options
from hsync_core.store.memo import code_paths
from hsync_core.testing import HsyncEnv

#: runs the CLI as ``python -m hsync_core.cli`` does, then writes the names of the imported modules
PROBE = """
import atexit, json, sys
out = sys.argv.pop(1)
atexit.register(lambda: open(out, "w").write(json.dumps(sorted(sys.modules))))
from hsync_core.cli import main
sys.argv[0] = "hsync"
main()
"""


def probed(
    env: HsyncEnv, *args: str, cwd: Path | None = None, extra: dict[str, str] | None = None
) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """Run ``hsync ARGS``; return the run and the modules it imported. The list is written outside
    the working directory, whose stat is part of the key (``python -c`` puts it on ``sys.path``)."""
    out = env.root / "modules.json"
    if cwd is None:
        cwd = env.root / "cwd"
        cwd.mkdir(exist_ok=True)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(out), *args],
        capture_output=True,
        text=True,
        env={**env.environ, **(extra or {})},
        cwd=cwd,
        timeout=120,
        check=False,
    )
    return done, set(json.loads(out.read_text()))


@pytest.fixture
def used(hsync_env: HsyncEnv) -> HsyncEnv:
    """A home where hsync has run before: ``$HSYNC_HOME`` exists (a memo never makes it)."""
    hsync_env.hsync_home.mkdir(mode=0o700, parents=True, exist_ok=True)
    return hsync_env


def test_a_help_makes_no_hsync_home(hsync_env: HsyncEnv) -> None:
    for _ in range(2):
        done, modules = probed(hsync_env, "--help")
        assert done.returncode == 0 and "click" in modules
    assert not hsync_env.hsync_home.exists()


@pytest.mark.parametrize(
    "args", [["--help"], ["-h"], ["sync", "--help"], ["check", "-h"], ["hook", "--help"]]
)
def test_a_help_is_answered_from_the_memo_without_click(used: HsyncEnv, args: list[str]) -> None:
    hsync_env = used
    first, modules = probed(hsync_env, *args)
    assert first.returncode == 0 and first.stdout.startswith("Usage: hsync"), first.stderr
    assert "click" in modules
    again, modules = probed(hsync_env, *args)
    assert (again.returncode, again.stdout, again.stderr) == (0, first.stdout, first.stderr)
    assert "click" not in modules and "hsync_core.cli.app" not in modules


def test_a_help_memo_is_per_terminal_width(used: HsyncEnv) -> None:
    hsync_env = used
    narrow = {"COLUMNS": "52"}
    wide, _ = probed(hsync_env, "--help")
    first, _ = probed(hsync_env, "--help", extra=narrow)
    assert first.stdout != wide.stdout
    assert max(len(line) for line in first.stdout.splitlines()) <= 52
    again, modules = probed(hsync_env, "--help", extra=narrow)
    assert again.stdout == first.stdout and "click" not in modules
    assert probed(hsync_env, "--help")[0].stdout == wide.stdout


def test_an_edited_module_makes_the_help_run_again(used: HsyncEnv) -> None:
    hsync_env = used
    code = hsync_env.root / "code"
    code.mkdir()
    module = code / "sitecustomize.py"  # imported at start-up from PYTHONPATH, like any code
    module.write_text("VALUE = 1\n")
    extra = {"PYTHONPATH": str(code)}
    settle(hsync_env)
    assert "click" in probed(hsync_env, "--help", extra=extra)[1]
    assert "click" not in probed(hsync_env, "--help", extra=extra)[1]
    module.write_text("VALUE = 2\n")  # the same size; a new ctime
    assert "click" in probed(hsync_env, "--help", extra=extra)[1], "the edit was seen"
    settle(hsync_env)
    probed(hsync_env, "--help", extra=extra)  # keeps a memo, unless the last run already did
    assert "click" not in probed(hsync_env, "--help", extra=extra)[1]


def test_a_served_sync_imports_no_click_and_still_says_notifications_wait(
    hsync_env: HsyncEnv,
    synced: Path,  # noqa: F811
) -> None:
    (hsync_env.hsync_home / "notifications.json").write_text(
        json.dumps(
            {
                "version": 1,
                "next_id": 2,
                "notifications": [
                    {"id": 1, "kind": "drift", "message": "m", "key": "k", "time": "t", "dismissed": False}
                ],
            }
        )
    )
    args = ("--project", str(synced), "sync")
    settle(hsync_env)
    kept, modules = probed(hsync_env, *args, cwd=synced)
    assert kept.returncode == 0 and "click" in modules
    assert "1 notification waiting" in kept.stderr
    again, modules = probed(hsync_env, *args, cwd=synced)
    assert "click" not in modules and "attrs" not in modules, "served by the front door"
    assert (again.returncode, again.stdout, again.stderr) == (kept.returncode, kept.stdout, kept.stderr)
    quiet, _ = probed(hsync_env, *args, "-q", cwd=synced)
    assert "notification" not in quiet.stderr


def test_which_invocations_count_as_a_help() -> None:
    assert help_invocation(["--help"]) and help_invocation(["-h"])
    assert help_invocation(["sync", "--help"]) and help_invocation(["--project", "p", "check", "-h"])
    assert help_invocation(["--project=p", "status", "--help"])
    for args in (
        ["log", "--grep", "-h"],  # a value, not the help: the command runs
        ["sync", "-q", "--help"],
        ["nosuch", "--help"],
        ["--help", "sync"],
        ["sync"],
        [],
    ):
        assert not help_invocation(args), args
    assert split_group_options(["--project", "p", "sync", "-q"]) == ("p", ["sync", "-q"])
    assert split_group_options(["--project"]) == (None, ["--project"])


def test_code_paths_are_the_modules_outside_the_interpreter(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "mine_for_the_memo.py").write_text("X = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    import mine_for_the_memo  # noqa: F401

    found = code_paths()
    assert str(tmp_path / "mine_for_the_memo.py") in found
    assert not [p for p in found if p.startswith(sys.base_prefix)], "the standard library is the version's"
    monkeypatch.delitem(sys.modules, "mine_for_the_memo")
