"""An instruction file that is already a link to its Claude Code source (``AGENTS.md`` ->
``CLAUDE.md``) is "shared by symlink": reported, in sync, never written through or replaced."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from hsync_core.testing import HsyncEnv

TARGETS = ("-t", "codex", "-t", "gemini")


def _setup(env: HsyncEnv) -> tuple[Path, dict[Path, bytes]]:
    project = env.project()
    env.write(project / "CLAUDE.md", "# Team\n\nUse tabs.\n")
    env.write(env.home / ".claude" / "CLAUDE.md", "# Me\n\nBe brief.\n")
    links = {
        project / "AGENTS.md": "CLAUDE.md",  # relative, as people commit it
        project / "GEMINI.md": str(project / "CLAUDE.md"),
        env.home / ".codex" / "AGENTS.md": str(env.home / ".claude" / "CLAUDE.md"),
        env.home / ".gemini" / "GEMINI.md": "../.claude/CLAUDE.md",
    }
    for link, to in links.items():
        link.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(to, link)
    sources = {p: p.read_bytes() for p in (project / "CLAUDE.md", env.home / ".claude" / "CLAUDE.md")}
    return project, sources


def _untouched(env: HsyncEnv, project: Path, sources: dict[Path, bytes]) -> None:
    for path, data in sources.items():
        assert path.read_bytes() == data, f"{path} was written through a link"
    for link in (project / "AGENTS.md", project / "GEMINI.md", env.home / ".codex" / "AGENTS.md"):
        assert link.is_symlink(), f"{link} was replaced"


def test_links_to_the_source_are_shared_and_in_sync(hsync_env: HsyncEnv) -> None:
    project, sources = _setup(hsync_env)
    dry = hsync_env.run("sync", "--dry-run", *TARGETS, project=project)
    assert dry.returncode == 0, dry.stdout + dry.stderr
    done = hsync_env.run("sync", "--json", *TARGETS, project=project)
    assert done.returncode == 0, done.stdout + done.stderr
    document = json.loads(done.stdout)
    for target in ("codex", "gemini"):
        result = document["targets"][target]
        assert result["status"] in ("success", "unchanged"), result
        assert result["counts"]["failed"] == 0
        shared = [r for r in result["items"] if "shared by symlink" in (r["reason"] or "")]
        assert {(r["name"], r["action"]) for r in shared} == {
            ("user rules", "native"),
            ("project rules", "native"),
        }, result["items"]
    _untouched(hsync_env, project, sources)
    for command in ("check", "diff"):
        again = hsync_env.run(command, *TARGETS, project=project)
        assert again.returncode == 0, command + again.stdout + again.stderr
    status = hsync_env.run("status", project=project)
    assert status.returncode == 0, status.stdout + status.stderr
    assert "failed" not in status.stdout
    verbose = hsync_env.run("sync", "-v", *TARGETS, project=project)
    assert "shared by symlink: GEMINI.md links to CLAUDE.md" in verbose.stdout
    _untouched(hsync_env, project, sources)


def test_rules_the_link_cannot_carry_are_warned_about(hsync_env: HsyncEnv) -> None:
    project, sources = _setup(hsync_env)
    hsync_env.write(project / ".claude" / "rules" / "style.md", "Prefer small functions.\n")
    done = hsync_env.run("sync", "-v", "-t", "codex", project=project)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "style.md" in done.stdout and "not in AGENTS.md: AGENTS.md is shared by symlink" in done.stdout
    _untouched(hsync_env, project, sources)


def test_a_link_elsewhere_still_fails_and_a_file_replacing_the_link_is_written(hsync_env: HsyncEnv) -> None:
    project, _ = _setup(hsync_env)
    assert hsync_env.run("sync", "-t", "codex", project=project).returncode == 0
    # the link is replaced by a plain file: the next sync (not a cached replay) writes the block
    (project / "AGENTS.md").unlink()
    (project / "AGENTS.md").write_text("# Notes for other tools\n")
    done = hsync_env.run("sync", "-t", "codex", project=project)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Use tabs." in (project / "AGENTS.md").read_text()
    # a link to some other file is not shared: hsync still writes nothing through it
    elsewhere = hsync_env.write(project / "docs" / "other.md", "other\n")
    (project / "AGENTS.md").unlink()
    os.symlink(elsewhere, project / "AGENTS.md")
    refused = hsync_env.run("sync", "-t", "codex", project=project)
    assert refused.returncode == 1
    assert "symbolic link" in refused.stdout + refused.stderr
    assert elsewhere.read_text() == "other\n"


@pytest.mark.parametrize("link_first", [False, True])
def test_an_owned_block_then_a_link_is_let_go(hsync_env: HsyncEnv, link_first: bool) -> None:
    project = hsync_env.project()
    hsync_env.write(project / "CLAUDE.md", "# Team\n\nUse tabs.\n")
    if not link_first:
        assert hsync_env.run("sync", "-t", "gemini", project=project).returncode == 0
        assert "Use tabs." in (project / "GEMINI.md").read_text()
        (project / "GEMINI.md").unlink()
    os.symlink("CLAUDE.md", project / "GEMINI.md")
    done = hsync_env.run("sync", "-t", "gemini", project=project)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (project / "CLAUDE.md").read_text() == "# Team\n\nUse tabs.\n"
    assert hsync_env.run("check", "-t", "gemini", project=project).returncode == 0
