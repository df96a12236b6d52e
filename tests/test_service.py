"""``hsync daemon install|uninstall``: the systemd user unit / launchd agent. The service
managers are not available in a test, so ``systemctl``/``launchctl`` on ``PATH`` are scripts that
record their arguments; everything else (files, directories, the record) is real."""

from __future__ import annotations

import os
import plistlib
import sys

import pytest


@pytest.fixture
def manager_log(env, tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "manager.log"
    for name in ("systemctl", "launchctl"):
        script = bin_dir / name
        script.write_text(f'#!/bin/sh\necho "{name} $*" >> "{log}"\n', encoding="utf-8")
        script.chmod(0o755)
    env.environ["PATH"] = f"{bin_dir}{os.pathsep}{env.environ['PATH']}"
    return log


def unit_path(env):
    return env.home / ".config" / "systemd" / "user" / "hsync.service"


def test_dry_run_prints_the_unit_and_commands_and_writes_nothing(env, manager_log):
    before = env.snapshot()
    done = env.run("daemon", "install", "--dry-run", "--platform", "systemd")
    assert done.returncode == 0, done.stderr
    assert f"# would write {unit_path(env)}:" in done.stdout
    assert f"ExecStart={sys.executable} -m hsync_core.cli daemon run --no-console" in done.stdout
    assert f'Environment="HSYNC_HOME={env.hsync_home}"' in done.stdout
    assert "systemctl --user enable --now hsync.service" in done.stdout
    assert env.snapshot() == before and not manager_log.exists()


def test_launchd_plist(env, manager_log):
    done = env.run("daemon", "install", "--dry-run", "--platform", "launchd")
    assert done.returncode == 0, done.stderr
    plist = done.stdout.split(":\n", 1)[1].split("# and run:")[0]
    data = plistlib.loads(plist.encode("utf-8"))
    assert data["Label"] == "dev.hsync.daemon"
    assert data["ProgramArguments"][1:] == ["-m", "hsync_core.cli", "daemon", "run", "--no-console"]
    assert data["EnvironmentVariables"]["HSYNC_HOME"] == str(env.hsync_home)
    assert (
        f"launchctl bootstrap gui/{os.getuid()} {env.home}/Library/LaunchAgents/dev.hsync.daemon.plist"
        in done.stdout
    )


def test_install_then_uninstall_removes_exactly_what_install_created(env, manager_log):
    (env.home / ".config").mkdir()
    (env.home / ".config" / "other.conf").write_text("mine\n")
    before = env.snapshot(env.home / ".config")
    done = env.run("daemon", "install", "--platform", "systemd")
    assert done.returncode == 0, done.stderr
    assert unit_path(env).is_file()
    assert manager_log.read_text().splitlines() == [
        "systemctl --user daemon-reload",
        "systemctl --user enable --now hsync.service",
    ]
    again = env.run("daemon", "install", "--platform", "systemd")
    assert again.returncode == 0 and f"unchanged {unit_path(env)}" in again.stdout

    removed = env.run("daemon", "uninstall")
    assert removed.returncode == 0, removed.stderr
    assert manager_log.read_text().splitlines()[-2:] == [
        "systemctl --user disable --now hsync.service",
        "systemctl --user daemon-reload",
    ]
    assert env.snapshot(env.home / ".config") == before
    assert not (env.home / ".config" / "systemd").exists()
    assert "not installed" in env.run("daemon", "uninstall").stdout


def test_uninstall_keeps_a_unit_edited_by_hand(env, manager_log):
    assert env.run("daemon", "install", "--platform", "systemd").returncode == 0
    unit_path(env).write_text(unit_path(env).read_text() + "# my tweak\n")
    done = env.run("daemon", "uninstall")
    assert done.returncode == 1
    assert "edited since hsync wrote it; left in place" in done.stderr
    assert unit_path(env).read_text().endswith("# my tweak\n")


def test_install_never_replaces_a_unit_it_did_not_write(env, manager_log):
    unit_path(env).parent.mkdir(parents=True)
    unit_path(env).write_text("[Service]\nExecStart=/usr/bin/something-else\n")
    done = env.run("daemon", "install", "--platform", "systemd")
    assert done.returncode == 1
    assert "was not written by hsync" in done.stderr
    assert unit_path(env).read_text().startswith("[Service]\nExecStart=/usr/bin/something-else")


def test_a_missing_service_manager_is_reported(env):
    env.environ["PATH"] = os.path.dirname(sys.executable)
    done = env.run("daemon", "install", "--platform", "systemd")
    assert done.returncode == 1
    assert "systemctl not found; run it yourself: systemctl --user daemon-reload" in done.stderr
    assert unit_path(env).is_file()
