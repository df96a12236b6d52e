"""The real Codex CLI reads what hsync writes for the real-world setup (the testing kit's
``write_realworld_setup``: hundreds of agents in category folders, command packs, linked and
dangling skill folders, scoped MCP server names), at user and project level, with no error and
no warning. Where Codex lists more than Claude Code reads, hsync says so."""

from __future__ import annotations

import pytest

from hsync_core.testing import HsyncEnv, write_realworld_setup

pytestmark = pytest.mark.realcli


def test_codex_reads_the_realworld_setup_without_errors_or_warnings(real_codex, hsync_env: HsyncEnv) -> None:
    project = hsync_env.project()
    write_realworld_setup(hsync_env, project)
    done = hsync_env.run("sync", "-t", "codex", project=project)
    assert done.returncode == 0, done.stdout + done.stderr
    cli = real_codex(project)
    cli.trust_project()
    skills, errors, warnings = cli.skills()
    assert errors == []
    assert warnings == []  # no role file Codex would drop, no config it refuses
    # Codex lists a SKILL.md nested in a skill's folder as a skill of its own; hsync warns about it
    assert skills["template"]["path"].endswith("/skills/release-notes/references/template/SKILL.md")
    report = hsync_env.run("sync", "-v", "-t", "codex", project=project).stdout
    assert "also lists references/template/SKILL.md" in report
    user = {n for n, s in skills.items() if s["scope"] == "user"}
    assert {"release-notes", "pdf"} <= user
    servers = cli.mcp_list()
    assert {"acme-search-server", "github", "db-tools"} <= set(servers), sorted(servers)
    output = cli.strict_config()
    assert "unknown configuration field" not in output, output
