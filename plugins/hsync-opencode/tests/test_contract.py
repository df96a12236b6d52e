"""The contract every hsync adapter honours (``hsync_core.testing.AdapterContract``)."""

from __future__ import annotations

from pathlib import Path

import hsync_opencode
from hsync_core.testing import AdapterContract, HsyncEnv

USER_CONFIG = """\
{
  // My OpenCode settings: keep these comments!
  "$schema": "https://opencode.ai/config.json",
  "theme": "tokyonight",
  "model": "anthropic/claude-sonnet-4-5",
  "mcp": {
    /* a server I added by hand */
    "my-notes": {"type": "local", "command": ["notes-mcp", "--dir", "~/notes"]}
  }
}
"""

PROJECT_CONFIG = """\
// The team's OpenCode settings.
{
  "$schema": "https://opencode.ai/config.json",
  "snapshot": true,
  "mcp": {
    "team-search": {"type": "remote", "url": "https://search.acme.dev/mcp"},
  },
}
"""


class TestContract(AdapterContract):
    target = "opencode"
    distribution = "hsync-opencode"
    plugin = hsync_opencode

    def user_files(self, env: HsyncEnv, project: Path) -> dict[Path, str]:
        return {
            env.home / ".config/opencode/opencode.json": USER_CONFIG,
            project / "opencode.jsonc": PROJECT_CONFIG,
        }
