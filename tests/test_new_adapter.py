"""The adapter kit end to end, as an author and a user meet it: ``hsync new-adapter`` makes a
package that passes its own tests, ``hsync install`` puts it where hsync runs, ``hsync sync``
uses it, ``hsync uninstall`` takes it away. In a fresh virtual environment, from built wheels."""

from __future__ import annotations

import json
import os
import subprocess
import venv
from pathlib import Path

import pytest
from test_packaging import ROOT, build_wheel

from hsync_core.errors import UsageError
from hsync_core.scaffold import create_adapter


def test_a_new_adapter_is_made_installed_used_and_removed(tmp_path: Path) -> None:
    wheel = build_wheel(ROOT, tmp_path / "dist")
    target = tmp_path / "venv"
    venv.create(target, with_pip=True)
    home, project, work = tmp_path / "home", tmp_path / "project", tmp_path / "work"
    for folder in (home / ".claude", project, work):
        folder.mkdir(parents=True)
    (home / ".claude/CLAUDE.md").write_text("# Mine\n\nBe brief.\n", encoding="utf-8")
    (home / ".claude.json").write_text(
        json.dumps({"mcpServers": {"docs": {"type": "http", "url": "https://docs.example.com/mcp"}}})
    )
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(
        HOME=str(home), HSYNC_HOME=str(home / ".hsync"), PATH=f"{target / 'bin'}{os.pathsep}{env['PATH']}"
    )
    hsync = str(target / "bin/hsync")

    def run(*args: str, cwd: Path = work) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, capture_output=True, text=True, env=env, cwd=cwd, check=False)

    pip = [str(target / "bin/pip"), "install", "--quiet", "--disable-pip-version-check"]
    installed = run(*pip, str(wheel), "pytest")
    assert installed.returncode == 0, installed.stderr

    made = run(hsync, "new-adapter", "my-tool", "--title", "My Tool")
    assert made.returncode == 0, made.stderr
    package = work / "hsync-my-tool"
    assert (package / "src/hsync_my_tool/__init__.py").is_file()

    added = run(hsync, "install", str(package))
    assert added.returncode == 0, added.stdout + added.stderr
    listed = run(hsync, "targets", "--json")
    rows = {row["name"]: row for row in json.loads(listed.stdout)["targets"]}
    assert rows["my-tool"]["package"] == "hsync-my-tool"
    assert rows["my-tool"]["origin"].startswith("local ")

    synced = run(hsync, "--project", str(project), "sync", cwd=project)
    assert synced.returncode == 0, synced.stdout + synced.stderr
    assert "Be brief." in (home / ".my-tool/MY_TOOL.md").read_text(encoding="utf-8")
    servers = json.loads((home / ".my-tool/settings.json").read_text(encoding="utf-8"))["mcpServers"]
    assert servers == {"docs": {"url": "https://docs.example.com/mcp"}}

    # the package passes its own tests (the contract; the real-CLI test waits for a pin)
    tested = run(str(target / "bin/python"), "-m", "pytest", "-q", str(package), cwd=package)
    assert tested.returncode == 0, tested.stdout + tested.stderr
    assert "7 passed, 2 skipped" in tested.stdout

    removed = run(hsync, "uninstall", "hsync-my-tool")
    assert removed.returncode == 0, removed.stdout + removed.stderr
    assert "my-tool" not in run(hsync, "targets").stdout


def test_new_adapter_refuses_bad_names_and_an_existing_folder(tmp_path: Path, hsync_env) -> None:
    with pytest.raises(UsageError, match="lowercase"):
        create_adapter("My Tool", tmp_path)
    with pytest.raises(UsageError, match="lowercase"):
        create_adapter("../evil", tmp_path)
    create_adapter("tool", tmp_path)
    with pytest.raises(UsageError, match="already exists"):
        create_adapter("tool", tmp_path)
    done = hsync_env.run("new-adapter", "Bad Name", "--dir", str(tmp_path))
    assert done.returncode == 2 and "lowercase" in done.stderr and done.stdout == ""


def test_uninstall_refuses_to_remove_hsync_itself(hsync_env) -> None:
    done = hsync_env.run("uninstall", "hsync-core")
    assert done.returncode == 2 and "hsync-core" in done.stderr
