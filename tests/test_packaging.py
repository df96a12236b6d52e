"""``pip install hsync-core`` works on its own from a built wheel."""

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: hsync's Claude Code plugin, shipped as package data (dot-directories included)
PLUGIN_FILES = [
    "hsync_core/integrations/claude/plugin/.claude-plugin/marketplace.json",
    "hsync_core/integrations/claude/plugin/hsync/.claude-plugin/plugin.json",
    "hsync_core/integrations/claude/plugin/hsync/hooks/hooks.json",
    *(
        f"hsync_core/integrations/claude/plugin/hsync/commands/{name}.md"
        for name in ("sync", "status", "diff", "check")
    ),
]


def build_wheel(source: Path, out: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(source)],
        check=True,
        capture_output=True,
        text=True,
    )
    return next(out.glob("*.whl"))


def test_core_wheel_installs_alone_and_runs(tmp_path):
    wheel = build_wheel(ROOT, tmp_path / "dist")
    assert wheel.name.startswith("hsync_core-")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert [f for f in PLUGIN_FILES if f not in names] == []
    target = tmp_path / "venv"
    venv.create(target, with_pip=True)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(HOME=str(tmp_path / "home"), HSYNC_HOME=str(tmp_path / "home/.hsync"))
    installed = subprocess.run(
        [str(target / "bin/pip"), "install", "--quiet", "--disable-pip-version-check", str(wheel)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert installed.returncode == 0, installed.stderr
    help_ = subprocess.run([str(target / "bin/hsync"), "--help"], capture_output=True, text=True, env=env)
    assert help_.returncode == 0 and "Configure Claude Code once" in help_.stdout
    targets = subprocess.run(
        [str(target / "bin/hsync"), "targets", "--json"], capture_output=True, text=True, env=env
    )
    assert targets.returncode == 0 and '"targets": []' in targets.stdout
    listing = subprocess.run(
        [
            str(target / "bin/python"),
            "-c",
            "import importlib.metadata as m; print(m.entry_points(group='pytest11'))",
        ],
        capture_output=True,
        text=True,
        env=env,
    )
    assert "hsync_core.testing" in listing.stdout
    # the installed package can install its Claude Code plugin from site-packages
    dry = subprocess.run(
        [str(target / "bin/hsync"), "integrate", "claude", "--dry-run"],
        capture_output=True,
        text=True,
        env={**env, "PATH": f"{target / 'bin'}{os.pathsep}{env.get('PATH', '')}"},
        cwd=tmp_path,
    )
    assert dry.returncode == 0, dry.stderr
    assert "site-packages/hsync_core/integrations/claude/plugin" in dry.stdout and dry.stderr == ""
