"""``hsync drift`` and ``hsync adopt`` through the real CLI: a server added by hand in Codex is
listed, adopting it is denied until the config allows it, then it lands in ``~/.claude.json``
with its credential as a ``${VAR}`` and every other target picks it up; an edit inside the
managed block of AGENTS.md becomes a patch of CLAUDE.md; keep / overwrite by name; the review
driven through a pty."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from hsync_core.testing import HsyncEnv

TARGETS = {"HSYNC_LOAD_PLUGINS": "codex,gemini,opencode"}
LINEAR = """
[mcp_servers.linear]
command = "npx"
args = ["-y", "mcp-remote", "https://mcp.linear.app/sse"]
env = { LINEAR_API_KEY = "lin_api_abc123secret" }
"""


@pytest.fixture
def setup(hsync_env: HsyncEnv) -> Path:
    project = hsync_env.project()
    hsync_env.write(
        ".claude.json",
        '{"mcpServers": {"docs": {"type": "http", "url": "https://docs.example/mcp"}}}\n',
    )
    (project / "CLAUDE.md").write_text(
        "# Team rules\n\nUse uv for Python.\nRun the tests.\n", encoding="utf-8"
    )
    done = hsync_env.run("sync", project=project, env=TARGETS)
    assert done.returncode == 0, done.stderr
    return project


def run(env: HsyncEnv, project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return env.run(*args, project=project, env=TARGETS)


def allow(env: HsyncEnv) -> None:
    env.write(env.hsync_home / "config.toml", "[targets.codex]\nadopt = true\n")


def test_nothing_to_review_after_a_sync(hsync_env: HsyncEnv, setup: Path) -> None:
    done = run(hsync_env, setup, "drift")
    assert done.returncode == 0 and "no drift" in done.stdout


def test_a_server_added_in_codex_is_adopted_and_reaches_every_target(
    hsync_env: HsyncEnv, setup: Path
) -> None:
    config = hsync_env.home / ".codex" / "config.toml"
    config.write_text(config.read_text() + LINEAR, encoding="utf-8")
    listed = run(hsync_env, setup, "drift", "--json")
    assert listed.returncode == 4, listed.stderr
    [addition] = json.loads(listed.stdout)["additions"]
    assert (addition["target"], addition["item"], addition["scope"]) == ("codex", "linear", "user")
    assert "lin_api_abc123secret" not in listed.stdout  # a credential is never shown

    claude_json = hsync_env.home / ".claude.json"
    before = claude_json.read_bytes()
    denied = run(hsync_env, setup, "adopt", "codex", "linear", "--yes")
    assert denied.returncode == 1 and "adopt = true" in denied.stderr
    assert claude_json.read_bytes() == before
    assert "denied" in run(hsync_env, setup, "log", "--outcome", "denied").stdout

    allow(hsync_env)
    preview = run(hsync_env, setup, "adopt", "codex", "linear", "--dry-run")
    assert preview.returncode == 0, preview.stderr
    plus = [line for line in preview.stdout.splitlines() if line.startswith("+") and '"linear"' in line]
    assert plus and "${LINEAR_API_KEY}" in plus[0] and claude_json.read_bytes() == before
    no_tty = run(hsync_env, setup, "adopt", "codex", "linear")
    assert no_tty.returncode == 1 and "--yes" in no_tty.stderr and claude_json.read_bytes() == before

    done = run(hsync_env, setup, "adopt", "codex", "linear", "--yes")
    server = json.loads(claude_json.read_text())["mcpServers"]["linear"]
    assert server == {
        "type": "stdio",
        "command": "npx",
        "args": ["-y", "mcp-remote", "https://mcp.linear.app/sse"],
        "env": {"LINEAR_API_KEY": "${LINEAR_API_KEY}"},
    }
    assert "set LINEAR_API_KEY" in done.stdout
    gemini = json.loads((hsync_env.home / ".gemini" / "settings.json").read_text())
    assert gemini["mcpServers"]["linear"]["env"] == {"LINEAR_API_KEY": "${LINEAR_API_KEY}"}
    opencode = json.loads((hsync_env.home / ".config" / "opencode" / "opencode.json").read_text())
    assert opencode["mcp"]["linear"]["environment"] == {"LINEAR_API_KEY": "{env:LINEAR_API_KEY}"}
    assert "delete that entry" in done.stdout  # codex keeps the literal the user wrote
    assert tomllib.loads(config.read_text())["mcp_servers"]["linear"]["env"]["LINEAR_API_KEY"]
    logged = run(hsync_env, setup, "log", "--outcome", "adopted", "--json")
    [entry] = [json.loads(line) for line in logged.stdout.splitlines()]
    assert entry["item"] == "linear" and "LINEAR_API_KEY" in entry["reason"]


def test_a_plain_server_adopted_from_opencode_leaves_every_target_in_sync(
    hsync_env: HsyncEnv, setup: Path
) -> None:
    hsync_env.write(hsync_env.hsync_home / "config.toml", "[targets.opencode]\nadopt = true\n")
    path = setup / "opencode.json"
    data = json.loads(path.read_text()) if path.exists() else {}
    data.setdefault("mcp", {})["fs"] = {"type": "local", "command": ["mcp-fs", "--root", "."]}
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    done = run(hsync_env, setup, "adopt", "opencode", "fs", "--yes")
    assert done.returncode == 0, done.stdout + done.stderr
    mcp_json = json.loads((setup / ".mcp.json").read_text())
    assert mcp_json["mcpServers"]["fs"] == {"type": "stdio", "command": "mcp-fs", "args": ["--root", "."]}
    codex = tomllib.loads((setup / ".codex" / "config.toml").read_text())
    assert codex["mcp_servers"]["fs"] == {"command": "mcp-fs", "args": ["--root", "."]}
    assert run(hsync_env, setup, "check").returncode == 0
    assert run(hsync_env, setup, "drift").returncode == 0


def test_an_edit_of_the_managed_block_becomes_a_patch_of_claude_md(hsync_env: HsyncEnv, setup: Path) -> None:
    allow(hsync_env)
    agents = setup / "AGENTS.md"
    agents.write_text(agents.read_text().replace("Use uv for Python.", "Use uv for Python, never pip."))
    listed = run(hsync_env, setup, "drift")
    assert "+Use uv for Python, never pip." in listed.stdout and listed.returncode == 4
    done = run(hsync_env, setup, "adopt", "codex", "AGENTS.md", "--yes")
    assert done.returncode == 0, done.stdout + done.stderr
    assert (
        setup / "CLAUDE.md"
    ).read_text() == "# Team rules\n\nUse uv for Python, never pip.\nRun the tests.\n"
    assert "never pip" in (setup / "GEMINI.md").read_text()
    assert run(hsync_env, setup, "drift").returncode == 0


def test_an_edit_of_generated_text_is_refused(hsync_env: HsyncEnv, setup: Path) -> None:
    allow(hsync_env)
    agents = setup / "AGENTS.md"
    text = agents.read_text()
    lines = text.splitlines(keepends=True)
    lines[1] = "# hand-edited generated header\n"  # the header hsync writes, not from CLAUDE.md
    agents.write_text("".join(lines))
    claude = (setup / "CLAUDE.md").read_bytes()
    done = run(hsync_env, setup, "adopt", "codex", "AGENTS.md", "--yes")
    assert done.returncode == 1 and "edit CLAUDE.md instead" in done.stderr
    assert (setup / "CLAUDE.md").read_bytes() == claude


def test_keep_then_overwrite_by_name(hsync_env: HsyncEnv, setup: Path) -> None:
    config = hsync_env.home / ".codex" / "config.toml"
    config.write_text(config.read_text().replace("https://docs.example/mcp", "https://docs.example/v2"))
    assert run(hsync_env, setup, "drift").returncode == 4
    kept = run(hsync_env, setup, "drift", "--keep", "docs", "--target", "codex")
    assert kept.returncode == 0, kept.stderr
    after = run(hsync_env, setup, "drift", "--target", "codex")
    assert after.returncode == 0 and "1 kept" in after.stdout
    claude_json = hsync_env.home / ".claude.json"
    claude_json.write_text(claude_json.read_text().replace("docs.example/mcp", "docs.example/v3"))
    back = run(hsync_env, setup, "drift", "--target", "codex")
    assert back.returncode == 4 and "docs.example/v3" in back.stdout  # the source changed: listed again


def test_overwrite_writes_hsyncs_version_with_a_backup(hsync_env: HsyncEnv, setup: Path) -> None:
    config = hsync_env.home / ".codex" / "config.toml"
    config.write_text(config.read_text().replace("https://docs.example/mcp", "https://docs.example/v2"))
    done = run(hsync_env, setup, "drift", "--overwrite", "docs", "--target", "codex")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "https://docs.example/mcp" in config.read_text()
    assert list((hsync_env.hsync_home / "backups").rglob("config.toml*"))
    missing = run(hsync_env, setup, "drift", "--overwrite", "nothing-like-it")
    assert missing.returncode == 2 and "nothing-like-it" in missing.stderr


def _pty_run(
    env: HsyncEnv, project: Path, args: list[str], answers: list[tuple[bytes, bytes]]
) -> tuple[int, str]:
    """Run hsync on a pseudo-terminal; each time ``prompt`` appears, type ``answer``."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: hsync on the terminal
        os.chdir(project)
        os.execve(
            sys.executable,
            [sys.executable, "-m", "hsync_core.cli", "--project", str(project), *args],
            {**env.environ, **TARGETS, "NO_COLOR": "1"},
        )
    seen = b""
    pending = list(answers)
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        while pending and pending[0][0] in seen:
            prompt, answer = pending.pop(0)
            seen = seen.split(prompt, 1)[1]
            os.write(fd, answer)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), seen.decode("utf-8", "replace")


def test_review_in_a_terminal_adopts_the_server(hsync_env: HsyncEnv, setup: Path) -> None:
    allow(hsync_env)
    config = hsync_env.home / ".codex" / "config.toml"
    config.write_text(config.read_text() + '\n[mcp_servers.fs]\ncommand = "mcp-fs"\n', encoding="utf-8")
    code, _ = _pty_run(
        hsync_env,
        setup,
        ["drift", "--review"],
        [(b"[a]dopt", b"a\r"), (b"Claude Code source?", b"y\r")],
    )
    assert code == 0
    servers = json.loads((hsync_env.home / ".claude.json").read_text())["mcpServers"]
    assert servers["fs"] == {"type": "stdio", "command": "mcp-fs"}
    gemini = json.loads((hsync_env.home / ".gemini" / "settings.json").read_text())
    assert gemini["mcpServers"]["fs"] == {"command": "mcp-fs"}


def test_a_kept_edit_is_not_a_conflict_of_sync_until_the_source_changes(
    hsync_env: HsyncEnv, setup: Path
) -> None:
    config = hsync_env.home / ".codex" / "config.toml"
    config.write_text(config.read_text().replace("https://docs.example/mcp", "https://docs.example/v2"))
    before = run(hsync_env, setup, "sync")
    assert before.returncode == 1 and "conflict" in before.stderr  # a hand edit, not yet decided
    assert run(hsync_env, setup, "drift", "--keep", "docs", "--target", "codex").returncode == 0
    for _ in range(2):  # every later sync, not only the first
        again = run(hsync_env, setup, "sync")
        assert again.returncode == 0, again.stdout + again.stderr
        assert "conflict" not in again.stdout + again.stderr
        assert "codex: unchanged (" in again.stdout and "1 kept" in again.stdout
    assert "https://docs.example/v2" in config.read_text()  # left as the user edited it
    assert run(hsync_env, setup, "check").returncode == 0
    status = json.loads(run(hsync_env, setup, "status", "--json").stdout)
    codex_user = status["targets"]["codex"]["user"]
    assert codex_user["drifted"] == [] and [k.rpartition("::")[2] for k in codex_user["kept"]] == [
        "mcp_servers.docs"
    ]  # and so the daemon's drift check does not raise it again
    forced = run(hsync_env, setup, "sync", "--force")  # a kept edit survives a blanket --force
    assert forced.returncode == 0 and "https://docs.example/v2" in config.read_text()
    verbose = run(hsync_env, setup, "sync", "-v")
    assert "kept      mcp docs" in verbose.stdout
    report = json.loads(run(hsync_env, setup, "sync", "--json").stdout)
    assert report["targets"]["codex"]["counts"]["kept"] == 1
    conflicts = run(hsync_env, setup, "log", "--outcome", "conflict", "--json").stdout.splitlines()
    assert len(conflicts) == 1  # only the sync before the decision logged one
    [kept_entry] = run(hsync_env, setup, "log", "--outcome", "kept", "--json").stdout.splitlines()
    assert json.loads(kept_entry)["item"] == "docs"  # the decision itself is logged, once

    claude_json = hsync_env.home / ".claude.json"
    claude_json.write_text(claude_json.read_text().replace("docs.example/mcp", "docs.example/v3"))
    changed = run(hsync_env, setup, "sync")
    assert changed.returncode == 1 and "conflict" in changed.stderr  # the source moved on: decide again


def test_a_kept_edit_is_given_up_with_overwrite(hsync_env: HsyncEnv, setup: Path) -> None:
    config = hsync_env.home / ".codex" / "config.toml"
    config.write_text(config.read_text().replace("https://docs.example/mcp", "https://docs.example/v2"))
    assert run(hsync_env, setup, "drift", "--keep", "docs", "--target", "codex").returncode == 0
    done = run(hsync_env, setup, "drift", "--overwrite", "docs", "--target", "codex")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "https://docs.example/mcp" in config.read_text()
    assert run(hsync_env, setup, "sync").returncode == 0


SKILL = "---\nname: review\ndescription: Review a change\n---\n\nRead the diff.\nList the risks.\n"


def test_an_edited_skill_copy_becomes_an_edit_of_the_claude_skill(hsync_env: HsyncEnv) -> None:
    project = hsync_env.project()
    no_links = {**TARGETS, "HSYNC_TEST_NO_SYMLINKS": "1"}  # a filesystem that refuses links
    source = hsync_env.home / ".claude" / "skills" / "review"
    hsync_env.write(source / "SKILL.md", SKILL)
    hsync_env.write(source / "old-notes.md", "obsolete\n")
    assert hsync_env.run("sync", project=project, env=no_links).returncode == 0
    copy = hsync_env.home / ".codex" / "skills" / "review"
    gemini_copy = hsync_env.home / ".gemini" / "skills" / "review"
    assert copy.is_dir() and not copy.is_symlink() and gemini_copy.is_dir() and not gemini_copy.is_symlink()
    edited = SKILL.replace("List the risks.", "List the risks, worst first.")
    (copy / "SKILL.md").write_text(edited, encoding="utf-8")
    (copy / "checklist.md").write_text("- tests\n", encoding="utf-8")
    (copy / "old-notes.md").unlink()

    listed = hsync_env.run("drift", project=project, env=no_links)
    assert listed.returncode == 4 and "+List the risks, worst first." in listed.stdout
    assert "(keep or overwrite only)" not in listed.stdout
    denied = hsync_env.run("adopt", "codex", "review", "--yes", project=project, env=no_links)
    assert denied.returncode == 1 and "adopt = true" in denied.stderr
    assert (source / "SKILL.md").read_text() == SKILL

    allow(hsync_env)
    done = hsync_env.run("adopt", "codex", "review", "--yes", project=project, env=no_links)
    assert done.returncode == 0, done.stdout + done.stderr
    shown = done.stdout
    assert shown.index("+List the risks, worst first.") < shown.index("syncing every target")  # diff first
    assert (source / "SKILL.md").read_text() == edited
    assert (source / "checklist.md").read_text() == "- tests\n" and not (source / "old-notes.md").exists()
    assert (gemini_copy / "SKILL.md").read_text() == edited  # every other target follows
    assert not (gemini_copy / "old-notes.md").exists()
    [entry] = hsync_env.run("log", "--outcome", "adopted", "--json", project=project).stdout.splitlines()
    assert json.loads(entry)["kind"] == "skills" and json.loads(entry)["item"] == "review"
    assert hsync_env.run("drift", project=project, env=no_links).returncode == 0
    assert hsync_env.run("check", project=project, env=no_links).returncode == 0


def test_a_skill_copy_follows_its_source_without_a_conflict(hsync_env: HsyncEnv) -> None:
    project = hsync_env.project()
    no_links = {**TARGETS, "HSYNC_TEST_NO_SYMLINKS": "1"}
    source = hsync_env.home / ".claude" / "skills" / "review"
    hsync_env.write(source / "SKILL.md", SKILL)
    assert hsync_env.run("sync", project=project, env=no_links).returncode == 0
    (source / "SKILL.md").write_text(SKILL + "Be brief.\n", encoding="utf-8")
    again = hsync_env.run("sync", project=project, env=no_links)  # right after the first sync
    assert again.returncode == 0, again.stdout + again.stderr
    assert "Be brief." in (hsync_env.home / ".codex" / "skills" / "review" / "SKILL.md").read_text()
