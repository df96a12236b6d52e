"""Claude Code setups shaped like the public ones: a big agent collection installed in category
folders with a README beside them, command packs full of code blocks, prices and shell ``$1``,
skills with ``scripts/``, ``references/`` and a nested ``SKILL.md`` template, linked skill folders
(one dangling), MCP servers with scoped names and ``${VAR}``
references, an ``enabledPlugins`` entry for a plugin that is not installed, and a plugin whose
manifest names single agent and command files and whose ``.mcp.json`` has no wrapper."""

from __future__ import annotations

import json
import os
from pathlib import Path

from .env import HsyncEnv

#: a value that must never appear in a written file
SECRET = "sk-live-0123456789abcdef"
CATEGORIES = ("engineering", "design", "marketing", "testing")
AGENTS_PER_CATEGORY = 60

COMMAND_WITH_CODE = """\
---
description: Estimate a pricing change
argument-hint: [plan] [price]
---
Change the $1 plan to $2 per month. Today Pro costs $10 and Team $5,000 a year ($1.50 a seat).

```sh
awk '{print $1}' prices.csv | sort   # $1 here is awk's, not an argument
echo "$ARGUMENTS"
```

Run `grep -n $3 plans.md` yourself, then see @docs/pricing.md for the details.
"""


def agent(name: str, description: str, body: str = "You help.\\n") -> str:
    return f"---\nname: {name}\ndescription: {description}\n---\n{body}"


def build_collection(env: HsyncEnv, project: Path) -> None:
    """The whole setup, user and project level."""
    claude = env.home / ".claude"
    env.write(claude / "agents/README.md", "# The agents\n\nInstall with `cp -r agents ~/.claude/`.\n")
    env.write(claude / "agents/CONTRIBUTING.md", "Open a pull request.\n")
    for category in CATEGORIES:
        env.write(claude / f"agents/{category}/README.md", f"# {category}\n")
        for n in range(AGENTS_PER_CATEGORY):
            env.write(
                claude / f"agents/{category}/{category}-{n:03}.md",
                agent(f"{category}-{n:03}", f"Use for {category} task {n}."),
            )
    # Claude Code's parser takes these; a strict YAML parser refuses the second
    env.write(
        claude / "agents/engineering/reviewer.md", agent("Code Reviewer (strict)", "Use when: a PR is open")
    )
    env.write(
        claude / "agents/engineering/planner.md",
        "---\nname: planner\ndescription: Use this agent when\n  the user asks: plan the work\n---\nPlan.\n",
    )
    env.write(claude / "commands/README.md", "# Commands\n")
    env.write(claude / "commands/pricing.md", COMMAND_WITH_CODE)
    env.write(
        claude / "commands/git/commit.md", "---\ndescription: Commit\n---\nCommit with message $ARGUMENTS\n"
    )
    # skills: scripts, references and a nested SKILL.md template inside one skill
    skill = claude / "skills/release-notes"
    env.write(
        skill / "SKILL.md",
        "---\nname: release-notes\ndescription: Write release notes\n---\nUse scripts/x.sh\n",
    )
    env.write(skill / "scripts/collect.sh", "#!/bin/sh\ngit log --oneline\n")
    env.write(skill / "references/template/SKILL.md", "---\nname: template\ndescription: not a skill\n---\n")
    # a linked skill folder (as `ln -s ~/src/skills/pdf ~/.claude/skills/pdf`) and a dangling one
    shared = env.root / "src/skills/pdf"
    env.write(shared / "SKILL.md", "---\nname: pdf\ndescription: Read PDFs\n---\nRead them.\n")
    env.write(shared / "references/forms.md", "Forms.\n")
    os.symlink(shared, claude / "skills/pdf")
    os.symlink(env.root / "src/skills/gone", claude / "skills/gone")
    env.write(
        env.home / ".claude.json",
        json.dumps(
            {
                "mcpServers": {
                    "@acme/search-server": {"command": "npx", "args": ["-y", "@acme/search-server"]},
                    "github": {
                        "type": "http",
                        "url": "https://api.example.com/mcp",
                        "headers": {"Authorization": "Bearer ${GITHUB_TOKEN}"},
                    },
                }
            }
        ),
    )
    env.write(
        claude / "settings.json",
        json.dumps(
            {
                "enabledPlugins": {"not-installed@somewhere": True},
                "env": {"SEARCH_KEY": SECRET},
                "permissions": {"allow": ["Read", "Bash(git status:*)"], "deny": ["Bash(rm:*)"]},
            }
        ),
    )
    # project: CLAUDE.md, servers with spaces and ${VAR}
    env.write(project / "CLAUDE.md", "# Project\n\nRun the tests with `make test`.\n")
    env.write(
        project / ".mcp.json",
        json.dumps({"mcpServers": {"db tools": {"command": "db-mcp", "env": {"DB_URL": "${DB_URL}"}}}}),
    )
    env.write(project / ".claude/agents/ops/deployer.md", agent("deployer", "Deploys."))
