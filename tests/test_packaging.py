"""``pip install hsync-core`` works on its own from a built wheel."""

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


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
