"""``hsync install`` / ``hsync uninstall``: add or remove adapter packages in the environment hsync
itself runs in, whichever way it was installed (a pip venv, pipx, ``uv tool``).

Uses ``python -m pip`` of this interpreter when pip is there; an environment made by uv has no
pip, so then ``uv pip --python <this interpreter>``. The installer's output goes to the caller.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys

from ..errors import HsyncError, UsageError


def installer_command(action: str) -> list[str]:
    """The command that runs ``pip install``/``uninstall`` for this interpreter's environment."""
    if importlib.util.find_spec("pip") is not None:
        command = [sys.executable, "-m", "pip", action, "--disable-pip-version-check"]
        return command + (["--yes"] if action == "uninstall" else [])
    uv = shutil.which("uv")
    if uv is not None:
        return [uv, "pip", action, "--python", sys.executable]
    raise HsyncError(
        f"cannot {action} packages: this environment ({sys.prefix}) has neither pip nor uv on PATH"
    )


def check_names(packages: list[str], *, action: str) -> None:
    """Refuse to uninstall hsync itself (it would remove the command being run)."""
    if action == "uninstall":
        for package in packages:
            if package.lower().replace("_", "-") == "hsync-core":
                raise UsageError(
                    "hsync uninstall removes adapters; remove hsync-core with the tool that installed it"
                )


def run_installer(action: str, packages: list[str], extra: list[str] = ()) -> int:
    """Run it; return its exit code."""
    check_names(packages, action=action)
    return subprocess.run([*installer_command(action), *extra, *packages], check=False).returncode
