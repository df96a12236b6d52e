"""The adapter honours hsync's AdapterContract."""

from __future__ import annotations

from pathlib import Path

import hsync_copilot
from hsync_core.testing import AdapterContract, HsyncEnv

USER_MCP = """\
{
  "mcpServers": {
    "my-notes": {"type": "local", "command": "notes-mcp", "args": ["--dir", "~/notes"], "tools": ["*"]}
  },
  "myOwnKey": [1, 2,    3]
}
"""


class TestCopilotContract(AdapterContract):
    target = "copilot"
    distribution = "hsync-copilot"
    plugin = hsync_copilot

    def user_files(self, env: HsyncEnv, project: Path) -> dict[Path, str]:
        # (a hand-written copilot-instructions.md is covered in test_rules.py: the contract's
        # hand edit goes into the first line of the first file, which would be the user's own text)
        return {env.home / ".copilot/mcp-config.json": USER_MCP}
