"""``pip install hsync-core hsync-copilot`` from built wheels gives an ``hsync sync`` that writes Copilot's files."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
ROOT = PACKAGE.parent.parent


def _wheel(source: Path, out: Path, name: str) -> Path:
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(source)],
        check=True,
        capture_output=True,
        text=True,
    )
    return next(out.glob(f"{name}-*.whl"))


def test_wheels_install_into_a_fresh_venv_and_sync(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    core = _wheel(ROOT, dist, "hsync_core")
    wheel = _wheel(PACKAGE, dist, "hsync_copilot")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        entry_points = archive.read(next(n for n in names if n.endswith("entry_points.txt"))).decode()
    assert "[hsync]\ncopilot = hsync_copilot" in entry_points
    assert not [n for n in names if "tests/" in n]

    target = tmp_path / "venv"
    venv.create(target, with_pip=True)
    home = tmp_path / "home"
    project = tmp_path / "project"
    (home / ".claude/agents").mkdir(parents=True)
    (home / ".claude/CLAUDE.md").write_text("# Mine\n\nBe brief.\n", encoding="utf-8")
    (home / ".claude/agents/helper.md").write_text(
        "---\nname: helper\ndescription: Helps.\ntools: Read, Bash\n---\nHelp.\n", encoding="utf-8"
    )
    (home / ".claude.json").write_text(
        '{"mcpServers": {"docs": {"type": "http", "url": "https://d.example.com/mcp"}}}'
    )
    project.mkdir()
    (project / "CLAUDE.md").write_text("# Project\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "COPILOT_HOME")}
    env.update(HOME=str(home), HSYNC_HOME=str(home / ".hsync"), XDG_CONFIG_HOME=str(home / ".config"))
    pip = [
        str(target / "bin/pip"),
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "--find-links",
        str(dist),
    ]
    installed = subprocess.run(
        [*pip, str(core), str(wheel)], capture_output=True, text=True, env=env, check=False
    )
    assert installed.returncode == 0, installed.stderr
    done = subprocess.run(
        [str(target / "bin/hsync"), "--project", str(project), "sync"],
        capture_output=True,
        text=True,
        env=env,
        cwd=project,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Be brief." in (home / ".copilot/copilot-instructions.md").read_text(encoding="utf-8")
    assert 'tools: ["read", "execute"]' in (home / ".copilot/agents/helper.agent.md").read_text(
        encoding="utf-8"
    )
    assert '"docs"' in (home / ".copilot/mcp-config.json").read_text(encoding="utf-8")
    # hsync-copilot pulls in no other adapter: nothing is written for any other harness
    assert not (home / ".codex").exists() and not (project / "AGENTS.md").exists()
