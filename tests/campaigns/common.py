"""What the campaigns share: a temporary home with a setup of a chosen size and user files that
the harnesses share with hsync, the real CLI, invariant checks, and the tally of a campaign."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from hsync_core.files import jsonc, markdown
from hsync_core.files.atomicio import TEMP_PREFIX
from hsync_core.sources import frontmatter
from hsync_core.testing.env import HsyncEnv

# user content in files hsync shares with the harnesses: it must survive every run byte for byte
USER_CODEX = '# my Codex settings\nmodel = "o3"\n\n[profiles.fast]\nmodel = "o4-mini" # quick\n'
USER_OPENCODE = '{\n  // my OpenCode settings\n  "theme": "tokyonight",\n  "share": "manual"\n}\n'
USER_AGENTS = "# House rules\n\nWritten by hand; hsync keeps its block below.\n"
USER_GEMINI = '{\n  "ui": {"theme": "GitHub"}\n}\n'


@dataclass
class Outcome:
    campaign: str
    trials: int = 0
    violations: list[str] = field(default_factory=list)
    figures: dict[str, object] = field(default_factory=dict)

    def violation(self, trial: int, text: str) -> None:
        self.violations.append(f"trial {trial}: {text}")

    def summary(self) -> str:
        extra = "".join(f", {k} {v}" for k, v in self.figures.items())
        return f"{self.campaign}: {self.trials} trials, {len(self.violations)} violations{extra}"


class Home(HsyncEnv):
    """A temporary home with a project, sources of a chosen size and user files in the targets."""

    def __init__(
        self, root: Path | None = None, *, size: int = 20, seed: int = 0, unprivileged: bool = False
    ):
        super().__init__(root or Path(tempfile.mkdtemp(prefix="hsync-campaign-")))
        # as root, run hsync as uid/gid 65534 in a home it owns (see campaigns.otheruser)
        self.unprivileged = unprivileged and os.geteuid() == 0
        self.rng = random.Random(seed)
        self.size = size
        self.proj = self.project("project")
        self.generation = 0
        self._write_sources()
        self._write_user_files()
        if self.unprivileged:
            self.give_away(self.root)

    def give_away(self, path: Path) -> None:
        """Hand ``path`` (and all below it) to the user hsync runs as, when that is not root."""
        if self.unprivileged:
            from .otheruser import give_to_nobody

            give_to_nobody(path)

    def cleanup(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    # ----------------------------------------------------------------- sources and user files
    def _write_sources(self) -> None:
        claude = self.home / ".claude"
        self.write(claude / "CLAUDE.md", "# Rules\n\n- Keep it simple.\n")
        for i in range(self.size):
            self.write(
                claude / "commands" / f"cmd{i}.md",
                f"---\ndescription: Command {i}\n---\nDo task {i} for $ARGUMENTS.\n",
            )
            self.write(
                claude / "agents" / f"agent{i}.md",
                f"---\nname: agent{i}\ndescription: Agent {i}.\ntools: Read, Grep\n---\nYou are agent {i}.\n",
            )
        for i in range(max(1, self.size // 4)):
            self.write(
                claude / "skills" / f"skill{i}" / "SKILL.md",
                f"---\nname: skill{i}\ndescription: Skill {i}.\n---\nRun scripts/run.py.\n",
            )
            self.write(claude / "skills" / f"skill{i}" / "scripts" / "run.py", f"print({i})\n")
        self.servers = {
            f"srv{i}": {"command": "npx", "args": ["-y", f"server-{i}"], "env": {"TOKEN": f"${{TOKEN_{i}}}"}}
            for i in range(max(2, self.size // 4))
        }
        self._write_servers()
        self.write(self.proj / "CLAUDE.md", "# Project\n\nRun the tests.\n")

    def _write_servers(self) -> None:
        self.write(".claude.json", json.dumps({"mcpServers": self.servers}, indent=2) + "\n")
        os.chmod(self.home / ".claude.json", 0o600)

    def _write_user_files(self) -> None:
        self.write(".codex/config.toml", USER_CODEX)
        self.write(".config/opencode/opencode.json", USER_OPENCODE)
        self.write(".gemini/settings.json", USER_GEMINI)
        (self.proj / "AGENTS.md").write_text(USER_AGENTS, encoding="utf-8")

    def mutate(self) -> str:
        """One random change to the sources (so the next sync creates, updates or removes)."""
        self.generation += 1
        claude = self.home / ".claude"
        what = self.rng.choice(["edit-command", "add-command", "remove-command", "server", "rule", "agent"])
        i = self.rng.randrange(self.size)
        if what == "edit-command":
            self.write(
                claude / "commands" / f"cmd{i}.md", f"---\ndescription: C{i}\n---\nGen {self.generation}.\n"
            )
        elif what == "add-command":
            self.write(claude / "commands" / f"new{self.generation}.md", f"New command {self.generation}.\n")
        elif what == "remove-command":
            found = sorted((claude / "commands").glob("*.md"))
            if found:
                self.rng.choice(found).unlink()
        elif what == "server":
            name = f"srv{self.rng.randrange(len(self.servers) + 2)}"
            if name in self.servers and self.rng.random() < 0.5:
                del self.servers[name]
            else:
                self.servers[name] = {"command": "uvx", "args": [f"gen-{self.generation}"]}
            self._write_servers()
        elif what == "rule":
            self.write(self.proj / "CLAUDE.md", f"# Project\n\nGeneration {self.generation}.\n")
        else:
            self.write(
                claude / "agents" / f"agent{i}.md",
                f"---\nname: agent{i}\ndescription: G{self.generation}.\n---\nBody.\n",
            )
        return what

    # ----------------------------------------------------------------- running hsync
    def command(self, *args: str) -> list[str]:
        if self.unprivileged:
            from .otheruser import command

            return command("--project", str(self.proj), *args)
        return [sys.executable, "-m", "hsync_core.cli", "--project", str(self.proj), *args]

    def _user(self) -> dict[str, object]:
        from .otheruser import as_nobody

        return as_nobody() if self.unprivileged else {}

    def hsync(self, *args: str, env: dict[str, str] | None = None, timeout: float = 600):
        return subprocess.run(
            self.command(*args),
            cwd=self.proj,
            capture_output=True,
            text=True,
            env={**self.environ, **(env or {})},
            timeout=timeout,
            check=False,
            **self._user(),
        )

    def popen(self, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen:
        return subprocess.Popen(
            self.command(*args),
            cwd=self.proj,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**self.environ, **(env or {})},
            **self._user(),
        )

    # ----------------------------------------------------------------- what is on disk
    def outputs(self) -> dict[str, bytes]:
        """Every file below the home and the project except the sources and ``$HSYNC_HOME``."""
        skip = (self.home / ".claude", self.hsync_home, self.proj / ".git", self.home / ".cache")
        found: dict[str, bytes] = {}
        for base in (self.home, self.proj):
            for dirpath, dirnames, filenames in os.walk(base):
                here = Path(dirpath)
                dirnames[:] = [d for d in dirnames if here / d not in skip and not (here / d).is_symlink()]
                if here == self.home:
                    filenames = [f for f in filenames if f not in (".claude.json",)]
                for name in filenames:
                    path = here / name
                    if path.is_file() and not path.is_symlink():
                        found[str(path)] = path.read_bytes()
        return found

    def temp_files(self) -> list[str]:
        return [
            str(Path(d, n))
            for base in (self.home, self.proj)
            for d, dirs, files in os.walk(base)
            for n in dirs + files
            if n.startswith(TEMP_PREFIX)
        ]


def parse_problem(path: str, data: bytes) -> str | None:
    """Why ``data`` is not a complete file of its format (None: it parses)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return "not UTF-8"
    try:
        if path.endswith(".toml"):
            tomllib.loads(text)
        elif path.endswith((".json", ".jsonc")):
            jsonc.parse(text)
        elif path.endswith(".md"):
            markdown.find(text)
            if text.startswith("---\n"):
                frontmatter.read(text)
    except Exception as exc:  # any parser's error
        return f"{type(exc).__name__}: {exc}"
    return None


def user_bytes_problem(home: Home) -> str | None:
    """Whether any byte of the user's content in shared files changed."""
    agents = (home.proj / "AGENTS.md").read_text(encoding="utf-8")
    if markdown.remove(agents) != USER_AGENTS:
        return "AGENTS.md: the hand-written text changed"
    codex = (home.home / ".codex/config.toml").read_text(encoding="utf-8")
    for line in USER_CODEX.splitlines():
        if line and line not in codex.splitlines():
            return f"config.toml: user line {line!r} changed"
    opencode = (home.home / ".config/opencode/opencode.json").read_text(encoding="utf-8")
    value = jsonc.parse(opencode).value
    if (
        value.get("theme") != "tokyonight"
        or value.get("share") != "manual"
        or "// my OpenCode settings" not in opencode
    ):
        return "opencode.json: user keys or comment changed"
    gemini = json.loads((home.home / ".gemini/settings.json").read_text(encoding="utf-8"))
    if gemini.get("ui") != {"theme": "GitHub"}:
        return "settings.json: user keys changed"
    return None


def no_op(json_stdout: str) -> bool:
    """Whether ``sync --json`` printed a run that changed nothing."""
    try:
        targets = json.loads(json_stdout)["targets"]
    except (ValueError, KeyError, TypeError):
        return False
    return all(t.get("status") == "unchanged" for t in targets.values())


def state_problem(home: Home) -> str | None:
    from hsync_core.store.state import StateStore

    store = StateStore(home.hsync_home, home.home)
    try:
        store.load()
    except Exception as exc:
        return f"state does not load: {exc}"
    if store.warnings:
        return f"state: {store.warnings[0]}"
    return None


def timed_out(log: Callable[[str], None], what: str) -> str:
    log(f"timeout: {what}")
    return f"{what} did not finish (hang)"
