"""Fixtures for the Codex adapter's tests.

- ``codex``: sync or render the ``codex`` target for a temporary home (:class:`CodexRun`).
- ``team``: a realistic Claude Code setup (:func:`write_team_setup`) in that home and a project.
- ``real_codex``: the real Codex CLI, pinned, run on copies of the synced home and project.

(Helpers are fixtures because test modules cannot import each other under ``importlib`` mode.)
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import hsync_codex
from hsync_core import KINDS, Config, Rendered, ReportEntry, Sources, make_plugin_manager
from hsync_core.testing import (
    CLIENT_PATIENCE,
    Engine,
    HsyncEnv,
    RunResult,
    client_environ,
    copy_for_client,
    npm_cli,
    without_tmp,
)

CODEX_VERSION = "0.171.0"
ALL_KINDS = [k for k in KINDS if k != "plugins"]  # "plugins" installs a plugin instead of its parts


# ------------------------------------------------------------------------------ sync / render


class CodexRun:
    """Runs the ``codex`` target (only it) against ``env``."""

    def __init__(self, env: HsyncEnv):
        self.env = env

    @property
    def codex_home(self) -> Path:
        value = self.env.environ.get("CODEX_HOME")
        return Path(value) if value else self.env.home / ".codex"

    def _engine(self, project: Path | None, kinds: list[str] | None, **options: Any) -> Engine:
        plugins = make_plugin_manager(load_entrypoints=False, plugins=[hsync_codex], environ={})
        config = Config(targets=["codex"], kinds=kinds or ALL_KINDS)
        return Engine(plugins, self.env.context(project, config=config, **options), targets=["codex"])

    def sync(
        self, project: Path | None = None, *, kinds: list[str] | None = None, **options: Any
    ) -> RunResult:
        return self._engine(project, kinds, **options).run()

    def sources(self, project: Path | None = None, *, kinds: list[str] | None = None) -> Sources:
        """What the Claude Code reader finds, narrowed to ``kinds`` (default: all)."""
        read = self._engine(project, kinds).read()
        wanted = set(kinds or ALL_KINDS)
        return Sources(items=[i for i in read.items if i.kind in wanted], problems=read.problems)

    def render(self, project: Path | None = None, *, kinds: list[str] | None = None) -> Rendered:
        """What the adapter renders (no plan, no writes), for the kinds given (default: all)."""
        sources = self.sources(project, kinds=kinds)
        return hsync_codex.render_target(
            target="codex", sources=sources, ctx=self._engine(project, kinds).ctx
        )

    @staticmethod
    def reports(rendered: Rendered | RunResult, kind: str, name: str) -> list[ReportEntry]:
        entries = rendered.report if isinstance(rendered, Rendered) else rendered.targets["codex"].report
        return [e for e in entries if e.kind == kind and e.name == name]


@pytest.fixture
def codex(hsync_env: HsyncEnv) -> CodexRun:
    return CodexRun(hsync_env)


# ------------------------------------------------------------------------ the realistic setup


def write_team_setup(env: HsyncEnv, project: Path) -> None:
    """A team's Claude Code setup: what ``team-setup`` covers, plus what Codex cannot take."""
    env.write(
        ".claude/CLAUDE.md",
        """
        # Personal preferences

        - Prefer small, focused commits with imperative messages.
        - Explain trade-offs before making large changes.
        - Never commit secrets; use environment variables.

        @~/.claude/rules/testing.md
        """,
    )
    env.write(".claude/rules/testing.md", "# Testing\n\nWrite a failing test before fixing a bug.\n")
    env.write(
        ".claude/rules/python.md",
        """
        ---
        paths:
          - "**/*.py"
        ---
        Type every function. Prefer pathlib over os.path.
        """,
    )
    env.write(
        ".claude/agents/code-reviewer.md",
        """
        ---
        name: code-reviewer
        description: Reviews code changes for bugs, security issues and style. Use PROACTIVELY after edits.
        tools: Read, Grep, Glob
        model: sonnet
        color: red
        ---
        You are a senior code reviewer. Look for correctness bugs first, then security, then readability.
        Quote the line you are talking about and suggest a concrete fix.
        """,
    )
    env.write(
        ".claude/agents/test-runner.md",
        """
        ---
        name: test-runner
        description: Runs the test suite and fixes failing tests.
        tools: Bash, Read, Edit
        model: inherit
        ---
        Run the tests. For each failure, find the cause, fix it, and run the tests again.
        """,
    )
    env.write(
        ".claude/agents/windows-porter.md",
        "---\n"
        "name: windows-porter\n"
        "description: Ports shell scripts to PowerShell for the Windows build agents.\n"
        "tools: Read, Write\n"
        "maxTurns: 20\n"
        "---\n"
        "Keep paths like C:\\Users\\build\\src and \\\\server\\share exactly as they are.\n"
        "Python docstrings use \"\"\"triple quotes\"\"\" and TOML literals use '''this'''.\n",
    )
    env.write(
        ".claude/commands/explain.md",
        "Explain how @src/main.py works, step by step, for a new team member.\n",
    )
    env.write(
        ".claude/commands/git/commit.md",
        """
        ---
        description: Commit staged changes with a message
        argument-hint: [type] [scope]
        ---
        Create a commit of type $1 in scope $2 for the staged changes. Summarise them in one line.
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
        ".claude/commands/commit-helper.md",
        "---\ndescription: The old command version of the commit-helper skill\n---\nWrite a commit message.\n",
    )
    env.write(
        ".claude/skills/commit-helper/SKILL.md",
        """
        ---
        name: commit-helper
        description: Writes Conventional Commit messages from the staged diff.
        ---
        Read `git diff --staged` and write a Conventional Commit message: type(scope): summary.
        """,
    )
    env.write(
        ".claude/skills/pdf-tools/SKILL.md",
        """
        ---
        name: pdf-tools
        description: Extract text and tables from PDF files, fill PDF forms. Use when: the user mentions PDFs.
        allowed-tools: Read, Bash(python3:*)
        ---
        # PDF tools

        Run `python3 scripts/extract.py FILE` to get the text. See [reference.md](reference.md) for forms.
        """,
    )
    env.write(
        ".claude/skills/pdf-tools/reference.md", "# Forms\n\nFields: `scripts/extract.py --fields FILE`.\n"
    )
    env.write(".claude/skills/pdf-tools/scripts/extract.py", "import sys\n\nprint(sys.argv[1:])\n")
    env.write(
        ".claude/skills/draft-notes/SKILL.md",
        "---\nname: draft-notes\n---\nTurn meeting notes into a draft. (No description yet.)\n",
    )
    env.write(
        ".claude/settings.json",
        json.dumps(
            {
                "$schema": "https://json.schemastore.org/claude-code-settings.json",
                "permissions": {
                    "allow": ["Bash(git status:*)", "Bash(npm run test:*)", "Read"],
                    "deny": ["Bash(rm -rf:*)", "Read(./.env)"],
                },
                "env": {"DISABLE_TELEMETRY": "1"},
                "hooks": {
                    "PostToolUse": [
                        {
                            "matcher": "Edit|Write",
                            "hooks": [
                                {"type": "command", "command": 'npx prettier --write "$CLAUDE_FILE_PATHS"'}
                            ],
                        }
                    ]
                },
            },
            indent=2,
        ),
    )
    env.write(
        ".claude.json",
        json.dumps(
            {
                "numStartups": 42,
                "mcpServers": {
                    "github": {
                        "type": "stdio",
                        "command": "npx",
                        "args": ["-y", "@modelcontextprotocol/server-github"],
                        "env": {
                            "GITHUB_PERSONAL_ACCESS_TOKEN": "${GITHUB_TOKEN}",
                            "GITHUB_TOOLSETS": "repos",
                        },
                    },
                    "context7": {
                        "type": "http",
                        "url": "https://mcp.context7.com/mcp",
                        "headers": {"Authorization": "Bearer ${CONTEXT7_API_KEY}"},
                    },
                    "docs.search": {
                        "type": "http",
                        "url": "https://docs.example.com/mcp",
                        "headers": {"X-Api-Key": "${DOCS_API_KEY}", "X-Team": "web"},
                    },
                },
                "projects": {
                    str(project): {
                        "mcpServers": {
                            "postgres-local": {
                                "command": "uvx",
                                "args": [
                                    "mcp-server-postgres",
                                    "${DATABASE_URL:-postgresql://localhost/dev}",
                                ],
                            },
                            "notes-local": {
                                "command": "notes-mcp",
                                "args": ["--dir", "notes"],
                                "env": {"NOTES_TOKEN": "${NOTES_TOKEN}"},
                            },
                        }
                    }
                },
            },
            indent=2,
        ),
    )
    env.write(".codex/config.toml", USER_CODEX_CONFIG)

    env.write(
        project / "CLAUDE.md",
        """
        # Acme web app

        TypeScript monorepo. Run `npm test` before committing. Use pnpm, never npm install.

        @docs/architecture.md
        """,
    )
    env.write(
        project / "docs/architecture.md",
        "# Architecture\n\n- `src/api`: Fastify server\n- `src/web`: React\n",
    )
    env.write(project / "src/main.py", 'print("hello")\n')
    env.write(project / "src/api/server.ts", "export const port = 3000;\n")
    env.write(
        project / ".claude/rules/frontend.md",
        """
        ---
        paths:
          - "src/web/**/*.tsx"
        ---
        # Front end

        Use function components and hooks. No default exports.
        """,
    )
    env.write(
        project / ".claude/rules/api.md",
        """
        ---
        paths:
          - "src/api/**/*.ts"
        ---
        # API

        Validate every request body with a schema.
        """,
    )
    env.write(
        project / ".claude/agents/sql-expert.md",
        """
        ---
        name: sql-expert
        description: Writes and reviews SQL queries and migrations for PostgreSQL.
        tools: Read, Write, Bash
        permissionMode: acceptEdits
        ---
        You are a PostgreSQL expert. Prefer explicit column lists and safe, reversible migrations.
        """,
    )
    env.write(
        project / ".claude/agents/planner.md",
        """
        ---
        name: planner
        description: Plans larger changes before anyone edits code.
        permissionMode: plan
        ---
        Read the relevant code and write a step-by-step plan. Do not edit files.
        """,
    )
    env.write(
        project / ".claude/commands/db/migrate.md",
        """
        ---
        description: Create a database migration
        ---
        Create a new migration named $1 in `migrations/`, following @docs/architecture.md.
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
        Deploy the current branch to $ARGUMENTS. First run !`git status --short` and stop if it is dirty.
        """,
    )
    env.write(
        project / ".claude/skills/release-notes/SKILL.md",
        """
        ---
        name: release-notes
        description: Drafts release notes from merged pull requests since the last tag.
        ---
        List merged PRs since the last tag with `git log --merges`; fill in [template.md](template.md).
        """,
    )
    env.write(project / ".claude/skills/release-notes/template.md", "## Features\n\n## Fixes\n")
    env.write(
        project / ".claude/settings.json",
        json.dumps(
            {
                "permissions": {
                    "allow": ["Bash(pnpm test:*)", "Edit(src/**)"],
                    "deny": ["WebFetch"],
                    "defaultMode": "acceptEdits",
                }
            },
            indent=2,
        ),
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
                    "sentry": {"type": "sse", "url": "https://mcp.sentry.dev/sse"},
                    "tracker": {
                        "type": "http",
                        "url": "https://tracker.example.com/mcp",
                        "headers": {"Authorization": "Token ${TRACKER_TOKEN}"},
                    },
                }
            },
            indent=2,
        ),
    )


USER_CODEX_CONFIG = """\
# My Codex settings — keep these comments!
model = "gpt-5-codex"
approval_policy = "on-request"

[mcp_servers.my-notes]
# a server I added by hand
command = "notes-mcp"
args = ["--dir", "~/notes"]

[profiles.fast]
model = "gpt-5-codex-mini"   # the quick one
"""


@pytest.fixture
def team(hsync_env: HsyncEnv) -> Path:
    """The realistic setup written into the temporary home; returns the project."""
    project = hsync_env.project()
    write_team_setup(hsync_env, project)
    return project


# ---------------------------------------------------------------------------- the real Codex


class RealCodex:
    """The real ``codex`` binary reading copies of a synced home and project (never the originals)."""

    def __init__(self, binary: Path, env: HsyncEnv, project: Path):
        self.binary = binary
        self.home, self.project = copy_for_client(env, project)
        self.codex_home = self.home / ".codex"
        self.environ = client_environ(env, self.home, RUST_BACKTRACE="0", RUST_LOG="error")

    def trust_project(self) -> None:
        """What a person does when Codex asks; hsync never does it."""
        config = self.codex_home / "config.toml"
        text = config.read_text(encoding="utf-8") if config.exists() else ""
        config.write_text(
            text + f'\n[projects."{self.project}"]\ntrust_level = "trusted"\n', encoding="utf-8"
        )

    def edit_user_config(self, old: str, new: str) -> None:
        config = self.codex_home / "config.toml"
        config.write_text(config.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")

    def run(
        self, *args: str, cwd: Path | None = None, timeout: float = CLIENT_PATIENCE
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.binary), *args],
            cwd=cwd or self.project,
            env=self.environ,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    def mcp_list(self) -> dict[str, dict[str, Any]]:
        done = self.run("mcp", "list", "--json")
        assert done.returncode == 0, done.stderr
        return {server["name"]: server for server in json.loads(done.stdout)}

    def strict_config(self) -> str:
        """Codex's strict schema check: a valid config fails only on the bogus model provider."""
        done = self.run(
            "--strict-config",
            "-c",
            'model_provider="__offline_validation__"',
            "exec",
            "--skip-git-repo-check",
            "validate",
        )
        return done.stdout + done.stderr

    def prompt_input(self, subdir: str = "") -> str:
        """Every text Codex would send the model at the start of a session (in ``subdir``), joined."""
        done = self.run("debug", "prompt-input", cwd=self.project / subdir)
        assert done.returncode == 0, done.stderr
        texts = []

        def collect(value: Any) -> None:
            if isinstance(value, dict):
                for item in value.values():
                    collect(item)
            elif isinstance(value, list):
                for item in value:
                    collect(item)
            elif isinstance(value, str):
                texts.append(value)

        collect(json.loads(done.stdout))
        return "\n".join(texts)

    def app_server(
        self, method: str, params: dict[str, Any], timeout: float = CLIENT_PATIENCE
    ) -> tuple[Any, list[dict]]:
        """One JSON-RPC request to ``codex app-server``: (its result or None, the notifications seen)."""
        process = subprocess.Popen(
            [str(self.binary), "app-server"],
            cwd=self.project,
            env=self.environ,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert process.stdin is not None and process.stdout is not None
        lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(
            target=lambda: [*map(lines.put, process.stdout), lines.put(None)], daemon=True
        ).start()
        requests = [
            {
                "id": 1,
                "method": "initialize",
                "params": {"clientInfo": {"name": "hsync-tests", "version": "0"}},
            },
            {"method": "initialized"},
            {"id": 2, "method": method, "params": params},
        ]
        process.stdin.write("".join(json.dumps(r) + "\n" for r in requests))
        process.stdin.flush()
        notifications: list[dict] = []
        result: Any = None
        try:
            while (line := lines.get(timeout=timeout)) is not None:
                message = json.loads(line)
                if message.get("id") == 2:
                    assert "error" not in message, message
                    result = message["result"]
                    break
                if "method" in message:
                    notifications.append(message)
        except queue.Empty:
            pass
        finally:
            process.stdin.close()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        return result, notifications

    def execpolicy(self, rules: list[Path], *command: str) -> str | None:
        """Codex's decision (``allow``, ``prompt``, ``forbidden``; None: no rule matches) for
        ``command`` under the rule files ``rules`` (paths in the copies), from ``codex execpolicy check``."""
        done = self.run("execpolicy", "check", *(f"--rules={r}" for r in rules), *command)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout).get("decision")

    def session_warnings(self) -> list[dict[str, Any]]:
        """The ``configWarning`` notifications of a new thread (rules, hooks, config problems)."""
        result, notes = self.app_server("thread/start", {"cwd": str(self.project)})
        assert result is not None, "codex app-server gave no thread/start answer"
        return [
            n["params"]
            for n in notes
            if n.get("method") == "configWarning" and "bubblewrap" not in n["params"]["summary"]
        ]

    def hooks(self) -> tuple[list[dict[str, Any]], list[str]]:
        """(every hook the app server's ``hooks/list`` shows for the project, its warnings and errors)."""
        result, _ = self.app_server("hooks/list", {"cwds": [str(self.project)]})
        assert result is not None, "codex app-server gave no hooks/list answer"
        [entry] = result["data"]
        problems = [*entry["warnings"], *(e["message"] for e in entry["errors"])]
        return entry["hooks"], problems

    def skills(self, subdir: str = "") -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]], list[str]]:
        """(skills by name, skill load errors, config warnings) as the app server reports them
        for Codex started in the project (or in ``subdir`` of it)."""
        params = {"cwds": [str(self.project / subdir)], "forceReload": True}
        result, notes = self.app_server("skills/list", params)
        if result is None:  # seen once with the validation script, never reproduced: one retry
            result, notes = self.app_server("skills/list", params)
        assert result is not None, "codex app-server gave no skills/list answer"
        skills: dict[str, dict[str, Any]] = {}
        errors: list[dict[str, Any]] = []
        for entry in result["data"]:
            skills.update({s["name"]: s for s in entry["skills"] if s.get("scope") != "system"})
            errors.extend(entry.get("errors") or [])
        warnings = [
            n["params"]["summary"]
            for n in notes
            if n.get("method") == "configWarning" and "bubblewrap" not in n["params"]["summary"]
        ]
        return skills, errors, warnings


@pytest.fixture(scope="session")
def codex_binary() -> Path:
    return npm_cli("@openai/codex", CODEX_VERSION, "codex")


@pytest.fixture
def real_codex(codex_binary: Path, hsync_env: HsyncEnv) -> Iterator[Any]:
    """``real_codex(project)`` → :class:`RealCodex` on copies of the home and ``project``."""

    def make(project: Path) -> RealCodex:
        return RealCodex(codex_binary, hsync_env, project)

    yield make


def _golden_files(env: HsyncEnv, codex_home: Path, project: Path) -> dict[str, str]:
    """What a sync left for Codex, by path (``codex_home/…``, ``project/…``); links as ``-> target``."""
    found: dict[str, str] = {}
    for label, root in (("codex_home", codex_home), ("project", project)):
        for dirpath, dirnames, filenames in os.walk(root):
            base = Path(dirpath)
            dirnames[:] = [d for d in dirnames if d not in (".git", ".claude", ".hsync")]
            for name in dirnames + filenames:
                path = base / name
                rel = path.relative_to(root)
                if label == "project" and rel.parts[0] != ".codex" and name != "AGENTS.md":
                    continue
                if path.is_symlink():
                    found[f"{label}/{rel.as_posix()}"] = "-> " + os.readlink(path)
                elif path.is_file():
                    found[f"{label}/{rel.as_posix()}"] = path.read_text(encoding="utf-8")
            dirnames[:] = [d for d in dirnames if not (base / d).is_symlink()]
    return {key: without_tmp(text, env) for key, text in sorted(found.items())}


@pytest.fixture
def golden_files() -> Any:
    """``golden_files(env, codex_home, project)``: what a sync left for Codex, by path."""
    return _golden_files


@pytest.fixture
def placeholders() -> Any:
    """``placeholders(text, env)``: ``text`` with the temporary directory written as ``$TMP``."""
    return without_tmp
