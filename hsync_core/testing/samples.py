"""Sample Claude Code setups for tests: small, but every kind at user, project and local scope."""

from __future__ import annotations

import json
from pathlib import Path

from .env import HsyncEnv


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
