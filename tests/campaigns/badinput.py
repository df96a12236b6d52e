"""Bad input: every case puts something broken where hsync reads or edits, then runs ``sync``.

For each case (in a fresh home that was synced once): no traceback; the documented exit code (0
done, 1 something not written or a source item skipped, 2 invalid input: nothing written); every
line on stderr starts with ``hsync:`` and, when the case has a culprit, one names it; no byte of
the user's lost (the whole temporary root is snapshotted before and after: only files below the
target roots and ``$HSYNC_HOME`` may change, and the culprit itself must not); the run ends
(a FIFO or a link loop must not hang it).
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

from . import otheruser
from .common import Home, Outcome, user_bytes_problem
from .fsfaults import full_disk, read_only

CORPUS = Path(__file__).parent / "corpus"


def corpus(name: str) -> bytes:
    return (CORPUS / name).read_bytes()


class Case:
    def __init__(
        self,
        name: str,
        codes: tuple[int, ...],
        apply: Callable[[Home], Path | None],
        *,
        wrap=None,
        unprivileged: bool = False,
    ):
        self.name = name
        self.codes = codes
        self.apply = apply  # returns the culprit (a path stderr must name), or None
        self.wrap = wrap  # a context manager factory around the run (read-only folder, full disk)
        # permissions matter: as root, hsync runs as uid/gid 65534 in a home it owns (root would
        # read and write through every mode), and stderr must name the culprit even on exit 0
        self.unprivileged = unprivileged


def skip_reason(case: Case) -> str | None:
    """Why ``case`` cannot run on this machine (None: it can)."""
    if case.unprivileged and os.geteuid() == 0:
        return otheruser.unavailable()
    return None


def put(relative: str, data: bytes, *, project: bool = False) -> Callable[[Home], Path]:
    def apply(home: Home) -> Path:
        path = (home.proj if project else home.home) / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() or path.is_symlink():
            path.unlink()
        path.write_bytes(data)
        return path

    return apply


def fifo(relative: str, *, project: bool = False) -> Callable[[Home], Path]:
    def apply(home: Home) -> Path:
        path = (home.proj if project else home.home) / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
        os.mkfifo(path)
        return path

    return apply


def directory(relative: str, *, project: bool = False) -> Callable[[Home], Path]:
    def apply(home: Home) -> Path:
        path = (home.proj if project else home.home) / relative
        path.unlink(missing_ok=True)
        path.mkdir(parents=True)
        (path / "inside").write_text("x\n")
        return path

    return apply


def link(relative: str, target: str) -> Callable[[Home], Path]:
    def apply(home: Home) -> Path:
        path = home.home / relative
        os.symlink(target, path)
        return path

    return apply


def agent_named(name: str) -> Callable[[Home], Path]:
    def apply(home: Home) -> Path:
        path = home.home / ".claude/agents/hostile.md"
        path.write_text(
            f"---\nname: {json.dumps(name)}\ndescription: hostile\n---\nBody.\n", encoding="utf-8"
        )
        return path

    return apply


def twins(first: str, second: str) -> Callable[[Home], None]:
    def apply(home: Home) -> None:
        for name in (first, second):
            (home.home / ".claude/commands" / f"{name}.md").write_text(
                f"Command {name!r}.\n", encoding="utf-8"
            )

    return apply


def big(home: Home) -> Path:
    path = home.home / ".claude.json"
    with open(path, "wb") as handle:
        handle.write(b'{"mcpServers": {"x": {"command": "')
        handle.write(b"a" * (50 * 1024 * 1024))
        handle.write(b'"')  # never closed: a 50 MB malformed document
    return path


def locked(
    relative: str, mode: int, *, project: bool = False, then=None, named: str | None = None
) -> Callable[[Home], Path]:
    """``chmod MODE`` an existing file or folder (of the user hsync runs as); ``then`` runs first
    (a source change, so that the sync must write). The culprit is that path, or the file
    ``named`` inside the folder (the one hsync fails to write)."""

    def apply(home: Home) -> Path:
        if then is not None:
            then(home)
        path = (home.proj if project else home.home) / relative
        path.chmod(mode)
        return path / named if named else path

    return apply


def edit_cmd0(home: Home) -> None:
    """A source change, so that the sync must write below the refusing folder."""
    (home.home / ".claude/commands/cmd0.md").write_text("Changed.\n", encoding="utf-8")


CASES = [
    # sources hsync reads (a broken whole file is exit 2; a broken single item is skipped with a
    # reason and exit 0, as for every skip: --strict makes skips fail)
    Case("malformed ~/.claude.json", (2,), put(".claude.json", corpus("malformed.json"))),
    Case("~/.claude.json of the wrong shape", (2,), put(".claude.json", corpus("wrong-shape.json"))),
    Case("malformed .mcp.json", (2,), put(".mcp.json", corpus("malformed.json"), project=True)),
    Case("malformed settings.json", (2,), put(".claude/settings.json", corpus("malformed.json"))),
    Case("broken front matter", (0, 1), put(".claude/commands/broken.md", corpus("broken-front-matter.md"))),
    Case("bad YAML front matter", (0,), put(".claude/agents/badyaml.md", corpus("bad-yaml.md"))),
    Case("not UTF-8 source", (0,), put(".claude/agents/latin1.md", corpus("not-utf8.md"))),
    Case("NUL bytes in a source", (0, 1), put(".claude/commands/nul.md", corpus("nul-bytes.md"))),
    Case("a 50 MB malformed ~/.claude.json", (2,), big),
    Case("symlink loop in commands/", (0,), link(".claude/commands/loop", ".")),
    Case("a skill linking to itself", (0,), link(".claude/skills/self", "self")),
    Case("a directory where .mcp.json belongs", (2,), directory(".mcp.json", project=True)),
    Case("a FIFO where ~/.claude.json belongs", (2,), fifo(".claude.json")),
    Case("a directory where CLAUDE.md belongs", (2,), directory("CLAUDE.md", project=True)),
    # files hsync edits
    Case("malformed ~/.codex/config.toml", (1,), put(".codex/config.toml", corpus("malformed.toml"))),
    Case("malformed opencode.json", (1,), put(".config/opencode/opencode.json", corpus("malformed.jsonc"))),
    Case("AGENTS.md not UTF-8", (1,), put("AGENTS.md", corpus("not-utf8.md"), project=True)),
    Case("AGENTS.md with two hsync blocks", (1,), put("AGENTS.md", corpus("two-blocks.md"), project=True)),
    Case("a FIFO where an output file belongs", (1,), fifo(".gemini/commands/cmd0.toml")),
    Case("a directory where an output file belongs", (1,), directory(".config/opencode/command/cmd0.md")),
    Case(
        "a read-only target folder",
        (1,),
        edit_cmd0,
        wrap=lambda home: read_only(home.home / ".gemini/commands"),
    ),
    Case(
        "a full disk under a target",
        (1,),
        edit_cmd0,
        wrap=lambda home: full_disk(home.home / ".config/kilo/command"),
    ),
    # permissions, as a user they apply to (as root: uid 65534 in a home it owns)
    Case("an unreadable agent file", (0,), locked(".claude/agents/agent0.md", 0), unprivileged=True),
    Case("an unreadable commands/ folder", (0,), locked(".claude/commands", 0), unprivileged=True),
    Case("an unreadable skill folder", (0,), locked(".claude/skills/skill0", 0), unprivileged=True),
    Case("an unreadable ~/.claude.json", (2,), locked(".claude.json", 0), unprivileged=True),
    Case("an unreadable project CLAUDE.md", (0,), locked("CLAUDE.md", 0, project=True), unprivileged=True),
    Case(
        "a read-only target folder (another user)",
        (1,),
        locked(".gemini/commands", 0o555, then=edit_cmd0),
        unprivileged=True,
    ),
    Case(
        "an unreadable shared target file",
        (1,),
        locked(".codex/config.toml", 0, then=edit_cmd0),
        unprivileged=True,
    ),
    Case(
        "a read-only project folder",
        (1,),
        locked(
            ".",
            0o555,
            project=True,
            then=lambda h: (h.proj / "CLAUDE.md").write_text("# New\n"),
            named="AGENTS.md",
        ),
        unprivileged=True,
    ),
    Case("a read-only $HSYNC_HOME", (1,), locked(".hsync", 0o500, then=edit_cmd0), unprivileged=True),
    Case("an unsearchable $HSYNC_HOME", (1,), locked(".hsync", 0, then=edit_cmd0), unprivileged=True),
    Case("an unreadable state.json", (1,), locked(".hsync/state.json", 0, then=edit_cmd0), unprivileged=True),
    # item names
    Case("a name with ../", (0, 1), agent_named("../../escaped")),
    Case("an absolute name", (0, 1), agent_named("/etc/owned")),
    Case("a name with a newline and escape codes", (0, 1), agent_named("two\nlines\x1b[31m")),
    Case("a 300-character name", (0, 1), agent_named("n" * 300)),
    Case("Unicode normalisation twins", (0, 1), twins("caf\u00e9", "cafe\u0301")),
    Case("case-only twins", (0, 1), twins("Deploy", "deploy")),
]


def snapshot(home: Home) -> dict[str, bytes | str]:
    found: dict[str, bytes | str] = {}
    for dirpath, dirnames, filenames in os.walk(home.root):
        for name in dirnames + filenames:
            path = Path(dirpath, name)
            if path.is_symlink():
                found[str(path)] = "link:" + os.readlink(path)
            elif path.is_file():
                found[str(path)] = (
                    path.read_bytes() if path.stat().st_size < 1 << 20 else f"size:{path.stat().st_size}"
                )
            elif not path.is_dir():
                found[str(path)] = "special"
        dirnames[:] = [d for d in dirnames if not Path(dirpath, d).is_symlink()]
    return found


def target_roots(home: Home) -> list[str]:
    """The folders and files a clean sync wrote (first path part below home or project)."""
    from hsync_core.store.state import StateStore

    roots = {str(home.hsync_home)}
    for scope in StateStore(home.hsync_home).load().scopes.values():
        for target in scope.targets.values():
            for record in target.outputs.values():
                path = Path(record.path)
                for base in (home.proj, home.home):
                    if path.is_relative_to(base):
                        rel = path.relative_to(base).parts
                        roots.add(
                            str(base / rel[0]) if len(rel) > 1 and rel[0].startswith(".") else str(path)
                        )
                        if rel[0] == ".config":
                            roots.add(str(base / rel[0] / rel[1]))
                            roots.discard(str(base / rel[0]))
                        break
    return sorted(roots)


def run(trials: int, seed: int = 0, log: Callable[[str], None] = print) -> Outcome:
    outcome = Outcome("bad-input")
    skipped = 0
    for trial in range(1, trials + 1):
        case = CASES[(seed + trial - 1) % len(CASES)]
        outcome.trials = trial
        reason = skip_reason(case)
        if reason:
            skipped += 1
            log(f"bad-input: {case.name}: skipped ({reason})")
            continue
        problem = one(case)
        for text in problem:
            outcome.violation(trial, f"{case.name}: {text}")
        log(f"bad-input: {case.name}: {'ok' if not problem else '; '.join(problem)}")
    outcome.figures.update(cases=len(CASES), skipped=skipped)
    return outcome


def one(case: Case) -> list[str]:
    problems: list[str] = []
    home = Home(size=2, unprivileged=case.unprivileged)
    try:
        first = home.hsync("sync", "-q")
        if first.returncode != 0:
            return [f"the clean sync failed: {first.stderr.strip()[:200]}"]
        roots = target_roots(home)
        culprit = case.apply(home)
        before = snapshot(home)
        wrap = case.wrap(home) if case.wrap else _nothing()
        with wrap as extra:
            environ = extra if isinstance(extra, dict) else {}
            try:
                done = home.hsync("sync", env=environ, timeout=300)
            except subprocess.TimeoutExpired:
                return ["sync hung"]
            after = snapshot(home)
        if "Traceback" in done.stderr or "Traceback" in done.stdout:
            problems.append(f"traceback: {done.stderr.strip().splitlines()[-1:]}")
        if done.returncode not in case.codes:
            problems.append(f"exit {done.returncode}, expected {case.codes}: {done.stderr.strip()[:300]}")
        lines = done.stderr.strip().splitlines()
        if any(not line.startswith("hsync") for line in lines):
            problems.append(
                f"a stderr line not from hsync: {[x for x in lines if not x.startswith('hsync')][:2]}"
            )
        if any(ch in done.stderr + done.stdout for ch in "\x1b\x00"):
            problems.append("raw control characters on the terminal")
        must_name = done.returncode or case.unprivileged
        if culprit is not None and must_name and culprit.name not in done.stderr:
            problems.append(f"no stderr line names {culprit.name}: {done.stderr.strip()[:300]}")
        for path in sorted(set(before) | set(after)):
            if before.get(path) == after.get(path):
                continue
            if culprit is not None and path == str(culprit):
                problems.append(f"the culprit {path} was changed")
            elif not any(path == r or path.startswith(r + os.sep) for r in roots):
                problems.append(f"{path} changed outside the target roots")
        if culprit is None or culprit.name not in (
            "config.toml",
            "opencode.json",
            "AGENTS.md",
            "settings.json",
        ):
            problem = user_bytes_problem(home)
            if problem:
                problems.append(problem)
        again = home.hsync("status", timeout=300)
        if "Traceback" in again.stderr:
            problems.append("status: traceback")
    except subprocess.TimeoutExpired:
        problems.append("hung")
    finally:
        home.cleanup()
    return problems


class _nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None
