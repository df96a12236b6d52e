"""The contract every hsync adapter honours (``hsync_core.testing.AdapterContract``)."""

from __future__ import annotations

from pathlib import Path

import hsync_kilo
from hsync_core.testing import AdapterContract, HsyncEnv

USER_CONFIG = """\
{
  // My Kilo settings: keep these comments!
  "$schema": "https://app.kilo.ai/config.json",
  "model": "anthropic/claude-sonnet-4-5",
  "mcp": {
    /* a server I added by hand */
    "my-notes": {"type": "local", "command": ["notes-mcp", "--dir", "~/notes"]}
  }
}
"""

PROJECT_CONFIG = """\
// The team's Kilo settings.
{
  "$schema": "https://app.kilo.ai/config.json",
  "snapshot": true,
  "mcp": {
    "team-search": {"type": "remote", "url": "https://search.acme.dev/mcp"},
  },
}
"""


class TestContract(AdapterContract):
    target = "kilo"
    distribution = "hsync-kilo"
    plugin = hsync_kilo

    def user_files(self, env: HsyncEnv, project: Path) -> dict[Path, str]:
        return {
            env.home / ".config/kilo/kilo.jsonc": USER_CONFIG,
            project / "kilo.jsonc": PROJECT_CONFIG,
        }
