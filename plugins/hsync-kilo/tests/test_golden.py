"""Golden files: the whole team setup synced, compared with tests/golden/.

Regenerate after an intended change with ``HSYNC_UPDATE_GOLDEN=1`` and review the diff. The
temporary directory is written as ``<ROOT>``.
"""

from __future__ import annotations

from pathlib import Path

from hsync_core import KINDS
from hsync_core.testing import changes_tree, check_golden_tree

GOLDEN = Path(__file__).parent / "golden"


def test_team_setup_matches_the_golden_files(runner):
    project = runner.team()
    result = runner.run(project, kinds=KINDS)
    check_golden_tree(GOLDEN, changes_tree(result.targets["kilo"], runner.env.root))
