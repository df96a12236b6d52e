"""The contract every adapter honours, run for the qwen target."""

from __future__ import annotations

from pathlib import Path

import hsync_qwen
from hsync_core.testing import AdapterContract, HsyncEnv

USER_SETTINGS = """\
{
  // my Qwen settings: comments, order and indentation must survive
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


class TestContract(AdapterContract):
    target = "qwen"
    distribution = "hsync-qwen"
    plugin = hsync_qwen

    def user_files(self, env: HsyncEnv, project: Path) -> dict[Path, str]:
        return {env.home / ".qwen" / "settings.json": USER_SETTINGS}
