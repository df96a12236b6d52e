"""pytest plugin for hsync and its adapters (entry point ``pytest11``; nothing here is autouse).

Fixtures:

- ``hsync_env``: a temporary ``HOME`` with ``HSYNC_HOME``, ``XDG_*`` and harness variables pointed
  inside it (and ``CODEX_HOME`` and friends removed), as an :class:`HsyncEnv`. Tests never touch
  the real home.
- ``make_project``: ``make_project(name="project", git=True)`` creates a project directory.
- ``hsync_plugins``: ``hsync_plugins(*plugins, entrypoints=False)`` builds an isolated plugin set.
- ``hsync_cli``: ``hsync_cli("sync", "--json", project=p)`` runs the real ``hsync`` in a
  subprocess with the temporary environment and returns the ``CompletedProcess``.

:class:`AdapterContract` is the base class every adapter's tests subclass; see its docstring.
:func:`npm_cli` installs a pinned harness CLI from the npm registry into a cache directory.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from ..config import Config
from ..models import Context, Rendered

HARNESS_VARIABLES = (
    "CODEX_HOME",
    "GEMINI_CLI_HOME",
    "OPENCODE_CONFIG",
    "OPENCODE_CONFIG_DIR",
    "OPENCODE_CONFIG_CONTENT",
    "CLAUDE_CONFIG_DIR",
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


@pytest.fixture
def hsync_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> HsyncEnv:
    env = HsyncEnv(tmp_path)
    for name in HARNESS_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name in (
        "HOME",
        "HSYNC_HOME",
        "XDG_CONFIG_HOME",
        "XDG_DATA_HOME",
        "XDG_CACHE_HOME",
        "XDG_STATE_HOME",
    ):
        monkeypatch.setenv(name, env.environ[name])
    return env


@pytest.fixture
def make_project(hsync_env: HsyncEnv) -> Callable[..., Path]:
    return hsync_env.project


@pytest.fixture
def hsync_plugins() -> Callable[..., Any]:
    from ..plugins import make_plugin_manager

    def build(*plugins: Any, entrypoints: bool = False, environ: dict[str, str] | None = None) -> Any:
        return make_plugin_manager(load_entrypoints=entrypoints, plugins=plugins, environ=environ or {})

    return build


@pytest.fixture
def hsync_cli(hsync_env: HsyncEnv) -> Callable[..., subprocess.CompletedProcess[str]]:
    return hsync_env.run


# ------------------------------------------------------------------------------ sample setups


def write_sample_setup(env: HsyncEnv, project: Path) -> None:
    """A small but complete Claude Code setup: every kind, at user, project and local scope."""
    env.write(
        ".claude/CLAUDE.md",
        """
        # Personal preferences

        - Prefer small commits.

        @~/.claude/rules/testing.md
        """,
    )
    env.write(".claude/rules/testing.md", "# Testing\n\nWrite a failing test first.\n")
    env.write(
        ".claude/skills/pdf-tools/SKILL.md",
        """
        ---
        name: pdf-tools
        description: Extract text from PDF files. Use when: the user mentions PDFs.
        allowed-tools: Read, Bash(python3:*)
        ---
        Run `python3 scripts/extract.py FILE`.
        """,
    )
    env.write(".claude/skills/pdf-tools/scripts/extract.py", "print('extract')\n")
    env.write(
        ".claude/agents/code-reviewer.md",
        """
        ---
        name: code-reviewer
        description: Reviews code changes for bugs. Use PROACTIVELY after edits.
        tools: Read, Grep, Glob
        model: sonnet
        color: red
        ---
        You are a senior code reviewer.
        """,
    )
    env.write(
        ".claude/commands/review.md",
        """
        ---
        description: Review the current diff
        argument-hint: [focus-area]
        allowed-tools: Bash(git diff:*)
        ---
        Review this diff with a focus on $ARGUMENTS:

        !`git diff HEAD`
        """,
    )
    env.write(
        ".claude/commands/git/commit.md",
        """
        ---
        description: Commit staged changes
        argument-hint: [type] [scope]
        ---
        Create a commit of type $1 in scope $2.
        """,
    )
    env.write(
        ".claude.json",
        json.dumps(
            {
                "numStartups": 3,
                "mcpServers": {
                    "github": {
                        "type": "stdio",
                        "command": "npx",
                        "args": ["-y", "@modelcontextprotocol/server-github"],
                        "env": {"GITHUB_PERSONAL_ACCESS_TOKEN": "${GITHUB_TOKEN}"},
                    },
                    "context7": {
                        "type": "http",
                        "url": "https://mcp.context7.com/mcp",
                        "headers": {"Authorization": "Bearer ${CONTEXT7_API_KEY}"},
                    },
                },
                "projects": {
                    str(project): {
                        "mcpServers": {"notes-local": {"command": "notes-mcp", "args": ["--local"]}}
                    }
                },
            },
            indent=2,
        ),
    )
    env.write(project / "CLAUDE.md", "# Acme\n\nRun `npm test` before committing.\n\n@docs/architecture.md\n")
    env.write(project / "docs/architecture.md", "# Architecture\n\n- `src/api`: server\n")
    env.write(
        project / ".claude/rules/frontend.md",
        """
        ---
        paths:
          - "src/web/**/*.tsx"
        ---
        Use function components.
        """,
    )
    env.write(
        project / ".claude/agents/sql-expert.md",
        """
        ---
        name: sql-expert
        description: Writes SQL migrations.
        tools: Read, Write, Bash
        ---
        You are a PostgreSQL expert.
        """,
    )
    env.write(
        project / ".claude/commands/deploy.md",
        """
        ---
        description: Deploy to an environment
        argument-hint: "<staging|production>"
        model: opus
        ---
        Deploy to $ARGUMENTS. First run !`git status --short`.
        """,
    )
    env.write(
        project / ".claude/skills/release-notes/SKILL.md",
        """
        ---
        name: release-notes
        description: Drafts release notes.
        ---
        List merged PRs since the last tag.
        """,
    )
    env.write(
        project / ".mcp.json",
        json.dumps(
            {
                "mcpServers": {
                    "filesystem": {
                        "command": "npx",
                        "args": ["-y", "@modelcontextprotocol/server-filesystem", "."],
                    },
                }
            },
            indent=2,
        ),
    )


# --------------------------------------------------------------------------------- contract


class AdapterContract:
    """What every adapter must honour. Subclass it in the adapter's tests::

        class TestCodexContract(AdapterContract):
            target = "codex"
            distribution = "hsync-codex"
            plugin = hsync_codex                  # the module the entry point names
            # a file the user already has, with comments and keys of their own (path -> text)
            def user_files(self, env, project): return {env.home / ".codex/config.toml": "# mine\\n..."}

    The tests build a sample setup (:func:`write_sample_setup`; override ``setup_sources`` to
    change it) in a temporary home and check: the entry point loads; rendering is deterministic
    and writes nothing; a sync then a second sync writes nothing; a hand edit of an owned output
    is reported as drift and kept (and ``--force`` overwrites it, keeping a backup); the user's
    own files survive byte for byte a sync followed by removing every source and syncing again;
    nothing is written outside the temporary directory; and the CLI syncs end to end.
    """

    target: str = ""
    distribution: str = ""
    plugin: Any = None

    # -- hooks for subclasses -----------------------------------------------------------------
    def setup_sources(self, env: HsyncEnv, project: Path) -> None:
        write_sample_setup(env, project)

    def user_files(self, env: HsyncEnv, project: Path) -> dict[Path, str]:
        return {}

    def config(self) -> Config:
        return Config(targets=[self.target])

    # -- helpers ------------------------------------------------------------------------------
    def _plugins(self) -> Any:
        from ..plugins import make_plugin_manager

        return make_plugin_manager(load_entrypoints=False, plugins=[self.plugin], environ={})

    def _engine(self, env: HsyncEnv, project: Path, **options: Any) -> Any:
        from ..engine import Engine

        return Engine(
            self._plugins(), env.context(project, config=self.config(), **options), targets=[self.target]
        )

    def _render(self, env: HsyncEnv, project: Path) -> Rendered:
        engine = self._engine(env, project)
        sources = engine.read()
        results = self._plugins().hook.render_target(target=self.target, sources=sources, ctx=engine.ctx)
        answers = [r for r in results if r is not None]
        assert len(answers) == 1, f"exactly one render for {self.target}, got {len(answers)}"
        return answers[0]

    @pytest.fixture
    def contract_project(self, hsync_env: HsyncEnv) -> Path:
        project = hsync_env.project()
        self.setup_sources(hsync_env, project)
        for path, text in self.user_files(hsync_env, project).items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return project

    # -- the contract ---------------------------------------------------------------------------
    def test_entry_point_loads(self) -> None:
        from ..plugins import make_plugin_manager

        plugins = make_plugin_manager(environ={"HSYNC_LOAD_PLUGINS": self.target})
        assert self.target in plugins.targets, [p.error for p in plugins.problems]
        assert plugins.targets[self.target].package == self.distribution

    def test_render_is_deterministic_and_pure(self, hsync_env: HsyncEnv, contract_project: Path) -> None:
        before = hsync_env.snapshot()
        first = self._render(hsync_env, contract_project)
        second = self._render(hsync_env, contract_project)
        assert first == second
        assert first.outputs, "the sample setup renders something"
        assert hsync_env.snapshot() == before, "render_target must not write"

    def test_outputs_stay_inside_the_temporary_home(
        self, hsync_env: HsyncEnv, contract_project: Path
    ) -> None:
        for output in self._render(hsync_env, contract_project).outputs:
            assert hsync_env.root in output.path.parents, output.path
            assert output.root == output.path or output.root in output.path.parents

    def test_second_sync_writes_nothing(self, hsync_env: HsyncEnv, contract_project: Path) -> None:
        first = self._engine(hsync_env, contract_project).run()
        assert first.targets[self.target].error is None
        assert first.targets[self.target].counts["created"] > 0
        before = hsync_env.snapshot()
        mtimes = {p: os.lstat(p).st_mtime_ns for p in before}
        second = self._engine(hsync_env, contract_project).run()
        result = second.targets[self.target]
        assert {c.action for c in result.changes} <= {"unchanged"}, [
            (c.action, c.id, c.reason) for c in result.changes if c.action != "unchanged"
        ]
        after = hsync_env.snapshot()
        changed = [p for p in after if p not in before or after[p] != before[p]]
        changed = [p for p in changed if not p.startswith(str(hsync_env.hsync_home))]
        assert changed == []
        assert all(
            os.lstat(p).st_mtime_ns == m
            for p, m in mtimes.items()
            if not p.startswith(str(hsync_env.hsync_home))
        )

    def _editable_output(self, env: HsyncEnv, project: Path) -> Path:
        from ..models import FileOutput, MarkdownBlock

        for output in self._render(env, project).outputs:
            if isinstance(output, (FileOutput, MarkdownBlock)):
                return output.path
        pytest.skip("the adapter renders no file to edit by hand")
        raise AssertionError

    def test_hand_edit_is_drift(self, hsync_env: HsyncEnv, contract_project: Path) -> None:
        self._engine(hsync_env, contract_project).run()
        path = self._editable_output(hsync_env, contract_project)
        edited = path.read_text(encoding="utf-8").replace("\n", "\nA line added by hand.\n", 1)
        path.write_text(edited, encoding="utf-8")
        self.touch_source(hsync_env, contract_project)
        result = self._engine(hsync_env, contract_project).run()
        conflicts = [c for c in result.targets[self.target].changes if c.action == "conflict" and c.drift]
        assert any(c.path == path for c in conflicts), [
            (c.action, str(c.path)) for c in result.targets[self.target].changes
        ]
        assert path.read_text(encoding="utf-8") == edited
        assert result.exit_code == 1
        forced = self._engine(hsync_env, contract_project, force=True).run()
        assert path.read_text(encoding="utf-8") != edited
        assert forced.targets[self.target].counts["conflicts"] == 0
        backups = list((hsync_env.hsync_home / "backups").rglob(path.name))
        assert any(b.read_text(encoding="utf-8") == edited for b in backups)

    def touch_source(self, env: HsyncEnv, project: Path) -> None:
        """Change every instruction source so that every rendered instruction file must update."""
        for path in (env.home / ".claude/CLAUDE.md", project / "CLAUDE.md"):
            if path.exists():
                path.write_text(path.read_text(encoding="utf-8") + "\nOne more rule.\n", encoding="utf-8")

    def test_user_files_survive_byte_for_byte(self, hsync_env: HsyncEnv, contract_project: Path) -> None:
        originals = {p: p.read_bytes() for p in self.user_files(hsync_env, contract_project)}
        if not originals:
            pytest.skip("the adapter shares no file with the user")
        self._engine(hsync_env, contract_project).run()
        for path, data in originals.items():
            assert path.read_bytes() != data, f"{path} should have received entries"
        # remove every source: the next sync removes every owned entry and must restore the files
        shutil.rmtree(hsync_env.home / ".claude")
        (hsync_env.home / ".claude.json").unlink()
        for rel in (".claude", "CLAUDE.md", ".mcp.json"):
            target = contract_project / rel
            shutil.rmtree(target) if target.is_dir() else target.unlink(missing_ok=True)
        result = self._engine(hsync_env, contract_project).run()
        assert result.targets[self.target].counts["conflicts"] == 0
        for path, data in originals.items():
            assert path.read_bytes() == data, f"{path} changed outside hsync's entries"

    def test_cli_sync_end_to_end(self, hsync_env: HsyncEnv, contract_project: Path) -> None:
        hsync_env.write(hsync_env.hsync_home / "config.toml", f'targets = ["{self.target}"]\n')
        dry = hsync_env.run("sync", "--dry-run", project=contract_project)
        assert dry.returncode == 0, dry.stderr
        assert not (hsync_env.hsync_home / "state.json").exists()
        done = hsync_env.run("sync", "--json", project=contract_project)
        assert done.returncode == 0, done.stderr + done.stdout
        document = json.loads(done.stdout)
        assert document["targets"][self.target]["status"] in ("success", "partial")
        check = hsync_env.run("check", project=contract_project)
        assert check.returncode == 0, check.stdout + check.stderr


# ------------------------------------------------------------------------------- real CLIs


def clients_dir() -> Path:
    """Where pinned harness CLIs are installed (``HSYNC_TEST_CLIENTS`` or the user cache)."""
    value = os.environ.get("HSYNC_TEST_CLIENTS")
    if value:
        return Path(value)
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path(os.path.expanduser("~")) / ".cache")
    return Path(cache) / "hsync-test-clients"


_CLIENTS_ROOT = clients_dir()  # taken at import, before any fixture points HOME elsewhere


def npm_cli(package: str, version: str, binary: str, *, timeout: float = 900) -> Path:
    """Install ``package@version`` from the npm registry (once) and return its ``binary``.

    Installs into ``<clients dir>/<package>@<version>`` with a throwaway ``HOME`` and npm cache
    (some postinstall scripts write into ``$HOME``). Raises ``RuntimeError`` when npm is missing
    or the install fails, so a test that needs the CLI fails loudly instead of skipping.
    """
    directory = _CLIENTS_ROOT / f"{package.replace('/', '+')}@{version}"
    executable = directory / "node_modules" / ".bin" / binary
    if executable.exists():
        return executable
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError(f"npm is needed to install {package}@{version} for this test")
    directory.mkdir(parents=True, exist_ok=True)
    (directory / ".home").mkdir(exist_ok=True)
    if not (directory / "package.json").exists():
        (directory / "package.json").write_text(
            '{"name": "hsync-test-clients", "private": true}\n', encoding="utf-8"
        )
    env = {**os.environ, "HOME": str(directory / ".home"), "npm_config_update_notifier": "false"}
    done = subprocess.run(
        [
            npm,
            "install",
            "--no-audit",
            "--no-fund",
            "--cache",
            str(directory / ".npm-cache"),
            f"{package}@{version}",
        ],
        cwd=directory,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0 or not executable.exists():
        raise RuntimeError(
            f"npm install {package}@{version} failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
        )
    return executable


def copy_for_client(env: HsyncEnv, project: Path) -> tuple[Path, Path]:
    """Copies of the temporary home and a project for a harness CLI to read (it writes state)."""
    scratch = env.root / "client-scratch"
    if scratch.exists():
        shutil.rmtree(scratch)
    home = scratch / "home"
    copied = scratch / project.name
    shutil.copytree(env.home, home, symlinks=True)
    shutil.copytree(project, copied, symlinks=True)
    return home, copied


def client_environ(env: HsyncEnv, home: Path, **extra: str) -> dict[str, str]:
    keep = ("PATH", "LANG", "USER", "TMPDIR", "SYSTEMROOT")
    environ = {k: os.environ[k] for k in keep if k in os.environ}
    environ.update(HOME=str(home), NO_COLOR="1", FORCE_COLOR="0", CI="1", TERM="dumb", LANG="C.UTF-8")
    environ.update(extra)
    return environ


def iter_files(directory: Path) -> Iterator[Path]:
    for dirpath, _, filenames in os.walk(directory):
        for name in filenames:
            yield Path(dirpath, name)
