"""The contract every adapter honours, run for the gemini target."""

from __future__ import annotations

from pathlib import Path

import hsync_gemini
from hsync_core.testing import AdapterContract, HsyncEnv

USER_SETTINGS = """\
{
  // my Gemini settings: comments, order and indentation must survive
  "ui": {
    "theme": "GitHub" // light
  },
  /* a server I added by hand */
  "mcpServers": {
    "my-search": {
      "httpUrl": "https://search.example.com/mcp",
    },
  },
  "general": { "vimMode": true }
}
"""

PROJECT_SETTINGS = """\
{
    // shared with the team
    "mcpServers": {
        "team-wiki": { "command": "wiki-mcp" }
    }
}
"""


class TestContract(AdapterContract):
    target = "gemini"
    distribution = "hsync-gemini"
    plugin = hsync_gemini

    def user_files(self, env: HsyncEnv, project: Path) -> dict[Path, str]:
        return {
            env.home / ".gemini" / "settings.json": USER_SETTINGS,
            project / ".gemini" / "settings.json": PROJECT_SETTINGS,
        }
