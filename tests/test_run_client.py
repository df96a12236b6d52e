"""``hsync_core.testing.run_client``: a harness CLI's whole output reaches the test, through
regular files (Bun-built CLIs drop what a pipe has not taken when they exit)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from hsync_core.testing import run_client

CHILD = """
import os, sys
os.write(1, b"o" * 300_000)
os.write(2, "é".encode() * 100_000)
os._exit(3)
"""


def test_the_whole_output_and_the_exit_code_come_back(tmp_path: Path) -> None:
    done = run_client([sys.executable, "-c", CHILD], cwd=tmp_path, env=dict(os.environ))
    assert done.returncode == 3
    assert done.stdout == "o" * 300_000
    assert done.stderr == "é" * 100_000
