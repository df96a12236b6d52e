"""``HsyncEnv``: a throwaway home (``HOME``, ``HSYNC_HOME``, ``XDG_*`` inside a temporary folder,
harness variables removed) with helpers to write files, make projects, run the real ``hsync``
and snapshot folders. Tests never touch the real home.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..config import Config
from ..models import Context

HARNESS_VARIABLES = (
    "CODEX_HOME",
    "GEMINI_CLI_HOME",
    "OPENCODE_CONFIG",
    "OPENCODE_CONFIG_DIR",
    "OPENCODE_CONFIG_CONTENT",
    "CLAUDE_CONFIG_DIR",
    "COPILOT_HOME",
    "QWEN_HOME",
    "KILO_CONFIG",
    "KILO_CONFIG_DIR",
    "KILO_CONFIG_CONTENT",
    "HSYNC_LOAD_PLUGINS",
    "HSYNC_DISABLE_PLUGINS",
    "HSYNC_TRACE_PLUGINS",
    "NO_COLOR",
    "GEMINI_CLI_SYSTEM_SETTINGS_PATH",
    "GEMINI_CLI_SYSTEM_DEFAULTS_PATH",
)


class HsyncEnv:
    """A throwaway home for one test: ``root/home`` is ``HOME``, ``root/home/.hsync`` is ``HSYNC_HOME``."""

    def __init__(self, root: Path):
        self.root = root
        self.home = root / "home"
        self.hsync_home = self.home / ".hsync"
        self.home.mkdir(parents=True, exist_ok=True)
        self.environ: dict[str, str] = {k: v for k, v in os.environ.items() if k not in HARNESS_VARIABLES}
        self.environ.update(
            HOME=str(self.home),
            HSYNC_HOME=str(self.hsync_home),
            XDG_CONFIG_HOME=str(self.home / ".config"),
            XDG_DATA_HOME=str(self.home / ".local" / "share"),
            XDG_CACHE_HOME=str(self.home / ".cache"),
            XDG_STATE_HOME=str(self.home / ".local" / "state"),
            GIT_CONFIG_NOSYSTEM="1",
            GIT_AUTHOR_NAME="t",
            GIT_AUTHOR_EMAIL="t@example.com",
            GIT_COMMITTER_NAME="t",
            GIT_COMMITTER_EMAIL="t@example.com",
        )

    def write(self, path: str | Path, text: str) -> Path:
        """Write ``text`` (dedented) to ``path`` (relative paths are relative to ``home``)."""
        path = Path(path)
        path = path if path.is_absolute() else self.home / path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def project(self, name: str = "project", *, git: bool = True) -> Path:
        project = self.root / name
        project.mkdir(parents=True, exist_ok=True)
        if git and not (project / ".git").exists():
            subprocess.run(["git", "init", "-q", str(project)], check=True, env=self.environ)
        return project

    def context(
        self, project: Path | None = None, *, config: Config | None = None, **options: Any
    ) -> Context:
        return Context(
            home=self.home,
            hsync_home=self.hsync_home,
            project=project,
            config=config or Config(),
            environ=self.environ,
            **options,
        )

    def run(
        self,
        *args: str,
        project: Path | None = None,
        cwd: Path | None = None,
        input: str | None = None,
        env: dict[str, str] | None = None,
        timeout: float = 120,
    ) -> subprocess.CompletedProcess[str]:
        """Run the real ``hsync`` CLI in a subprocess."""
        command = [sys.executable, "-m", "hsync_core.cli"]
        if project is not None:
            command += ["--project", str(project)]
        return subprocess.run(
            [*command, *args],
            cwd=cwd or project or self.root,
            input=input,
            capture_output=True,
            text=True,
            env={**self.environ, **(env or {})},
            timeout=timeout,
            check=False,
        )

    def snapshot(self, *dirs: Path) -> dict[str, bytes | str]:
        """Every file (bytes) and link (target) below ``dirs`` (default: the whole root),
        leaving out ``__pycache__`` directories that Python itself writes."""
        found: dict[str, bytes | str] = {}
        for base in dirs or (self.root,):
            for dirpath, dirnames, filenames in os.walk(base):
                dirnames[:] = [d for d in dirnames if d != "__pycache__"]  # Python's, not ours
                for name in dirnames + filenames:
                    path = Path(dirpath, name)
                    if path.is_symlink():
                        found[str(path)] = "link:" + os.readlink(path)
                    elif path.is_file():
                        found[str(path)] = path.read_bytes()
                dirnames[:] = [d for d in dirnames if not Path(dirpath, d).is_symlink()]
        return found


def iter_files(directory: Path) -> Iterator[Path]:
    for dirpath, _, filenames in os.walk(directory):
        for name in filenames:
            yield Path(dirpath, name)
