"""Fixtures for the Copilot adapter's tests.

- ``copilot``: sync or render the ``copilot`` target in a temporary home (:class:`CopilotRun`).
- ``team``: the realistic Claude Code setup of ``fixtures/team`` (``home/`` and ``project/``;
  ``__HOME__`` and ``__PROJECT__`` are replaced by the temporary paths) copied into that home.
- ``real_copilot``: the real Copilot CLI, pinned, run offline on copies of the synced home and project.

(Helpers are fixtures because test modules cannot import each other under ``importlib`` mode.)
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

import hsync_copilot
from hsync_core import KINDS, Config, Rendered, ReportEntry, make_plugin_manager
from hsync_core.testing import (
    CLIENT_PATIENCE,
    Engine,
    HsyncEnv,
    RunResult,
    client_environ,
    copy_for_client,
    copy_setup,
    npm_cli,
)

COPILOT_VERSION = "1.0.102"
FIXTURE = Path(__file__).parent / "fixtures" / "team"
ALL_KINDS = [k for k in KINDS if k != "plugins"]  # "plugins" installs a plugin instead of its parts


class CopilotRun:
    """Runs the ``copilot`` target (only it) against ``env``."""

    def __init__(self, env: HsyncEnv):
        self.env = env

    @property
    def copilot_home(self) -> Path:
        value = self.env.environ.get("COPILOT_HOME")
        return Path(value) if value else self.env.home / ".copilot"

    def team(self, name: str = "project") -> Path:
        return copy_setup(FIXTURE, self.env, self.env.project(name))

    def config(self, kinds: list[str] | None = None, targets: list[str] | None = None) -> Config:
        return Config(targets=targets or ["copilot"], kinds=kinds or ALL_KINDS)

    def engine(self, project: Path | None, kinds: list[str] | None = None, **options: Any) -> Engine:
        plugins = make_plugin_manager(load_entrypoints=False, plugins=[hsync_copilot], environ={})
        config = options.pop("config", None) or self.config(kinds)
        return Engine(plugins, self.env.context(project, config=config, **options), targets=["copilot"])

    def sync(
        self, project: Path | None = None, *, kinds: list[str] | None = None, **options: Any
    ) -> RunResult:
        return self.engine(project, kinds, **options).run()

    def render(
        self, project: Path | None = None, *, kinds: list[str] | None = None, **options: Any
    ) -> Rendered:
        return self.engine(project, kinds, **options).render("copilot")

    @staticmethod
    def reports(rendered: Rendered | RunResult, kind: str, name: str | None = None) -> list[ReportEntry]:
        entries = rendered.report if isinstance(rendered, Rendered) else rendered.targets["copilot"].report
        return [e for e in entries if e.kind == kind and (name is None or e.name == name)]


@pytest.fixture
def copilot(hsync_env: HsyncEnv) -> CopilotRun:
    return CopilotRun(hsync_env)


@pytest.fixture
def team(copilot: CopilotRun) -> Path:
    return copilot.team()


# ---------------------------------------------------------------------------- the real Copilot


class RealCopilot:
    """The real ``copilot`` binary, offline, on copies of a synced home and project."""

    def __init__(self, binary: Path, env: HsyncEnv, project: Path):
        self.binary = binary
        self.root = env.root
        self.home, self.project = copy_for_client(env, project)
        self.copilot_home = self.home / ".copilot"
        self.logs = env.root / "client-logs"
        self.environ = client_environ(
            env,
            self.home,
            COPILOT_HOME=str(self.copilot_home),
            COPILOT_OFFLINE="true",
            COPILOT_AUTO_UPDATE="false",
            XDG_CONFIG_HOME=str(self.home / ".config"),
            XDG_STATE_HOME=str(self.home / ".local/state"),
            XDG_CACHE_HOME=str(self.home / ".cache"),
        )

    def trust_project(self) -> None:
        """What a person does when Copilot asks; hsync never does it."""
        config = self.copilot_home / "config.json"
        data = json.loads(config.read_text(encoding="utf-8")) if config.exists() else {}
        data.setdefault("trustedFolders", []).append(str(self.project))
        config.parent.mkdir(parents=True, exist_ok=True)
        config.write_text(json.dumps(data, indent=2), encoding="utf-8")

    def run(
        self, *args: str, env: dict[str, str] | None = None, timeout: float = CLIENT_PATIENCE
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.binary), *args],
            cwd=self.project,
            env={**self.environ, **(env or {})},
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    def ok(self, *args: str) -> str:
        done = self.run(*args)
        assert done.returncode == 0, (args, done.stdout, done.stderr)
        return done.stdout

    def mcp_list(self) -> dict[str, dict[str, Any]]:
        return json.loads(self.ok("mcp", "list", "--json"))["mcpServers"]

    def skills(self) -> tuple[dict[str, list[str]], str]:
        """(skill names by section — "Project", "Personal" —, the whole output)."""
        text = self.ok("skill", "list")
        sections: dict[str, list[str]] = {}
        current = None
        for line in text.splitlines():
            if line and not line.startswith(" ") and line.rstrip().endswith("skills:"):
                current = line.split()[0]
                sections[current] = []
            elif current and line.startswith("  ") and " - " in line:
                sections[current].append(line.strip().split(" - ", 1)[0])
        return sections, text

    def instructions(self) -> list[dict[str, Any]]:
        return json.loads(self.ok("instruction", "list", "--json"))

    def agents_and_log(self) -> tuple[list[str], str]:
        """The custom agents a session would offer, and the log lines about them.

        ``--agent`` with a name no agent has makes Copilot list the agents it loaded and stop before
        any model is asked (the provider address is a closed loopback port that is never reached).
        """
        shutil.rmtree(self.logs, ignore_errors=True)
        done = self.run(
            "-p",
            "hello",
            "--agent",
            "__no_such_agent__",
            "--log-dir",
            str(self.logs),
            "--log-level",
            "all",
            env={"COPILOT_PROVIDER_BASE_URL": "http://127.0.0.1:9/v1", "COPILOT_MODEL": "gpt-4o"},
        )
        output = done.stdout + done.stderr
        marker = "available: "
        assert marker in output, output
        names = [n.strip() for n in output.split(marker, 1)[1].splitlines()[0].split(",") if n.strip()]
        log = "".join(p.read_text(encoding="utf-8") for p in sorted(self.logs.glob("*.log")))
        return names, log


@pytest.fixture(scope="session")
def copilot_binary() -> Path:
    return npm_cli("@github/copilot", COPILOT_VERSION, "copilot")


@pytest.fixture
def real_copilot(copilot_binary: Path, hsync_env: HsyncEnv) -> Any:
    """``real_copilot(project)`` → :class:`RealCopilot` on copies of the home and ``project``."""

    def make(project: Path) -> RealCopilot:
        return RealCopilot(copilot_binary, hsync_env, project)

    return make


def _placeholders(text: str, env: HsyncEnv) -> str:
    for root in sorted({str(env.root.resolve()), str(env.root)}, key=len, reverse=True):
        text = text.replace(root, "$TMP")
    return text


def _golden_files(env: HsyncEnv, copilot_home: Path, project: Path) -> dict[str, str]:
    """What a sync left for Copilot, by path (``copilot_home/…``, ``project/.github/…``)."""
    found: dict[str, str] = {}
    for label, root in (("copilot_home", copilot_home), ("project", project / ".github")):
        for dirpath, dirnames, filenames in os.walk(root):
            base = Path(dirpath)
            for name in dirnames + filenames:
                path = base / name
                rel = f"{label}/{path.relative_to(root).as_posix()}"
                if path.is_symlink():
                    found[rel] = "-> " + os.readlink(path)
                elif path.is_file():
                    found[rel] = path.read_text(encoding="utf-8")
            dirnames[:] = [d for d in dirnames if not (base / d).is_symlink()]
    return {key: _placeholders(text, env) for key, text in sorted(found.items())}


@pytest.fixture
def golden_files() -> Any:
    return _golden_files


@pytest.fixture
def placeholders() -> Any:
    return _placeholders
