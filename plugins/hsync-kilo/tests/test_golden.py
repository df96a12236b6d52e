"""Golden files: the whole team setup synced, compared with tests/golden/.

Regenerate after an intended change with ``HSYNC_UPDATE_GOLDEN=1`` and review the diff. The
temporary directory is written as ``<ROOT>``.
"""

from __future__ import annotations

import os
from pathlib import Path

from hsync_core import KINDS
from hsync_core.testing import check_golden_tree

GOLDEN = Path(__file__).parent / "golden"
PLACEHOLDER = "<ROOT>"


def rendered_tree(runner, project):
    """{relative path: text} of every file the sync wrote, plus the plan, the links and the report."""
    result = runner.run(project, kinds=KINDS)
    target = result.targets["kilo"]
    root = runner.env.root

    def norm(text):
        return text.replace(str(root), PLACEHOLDER)

    files, links, plan = {}, [], []
    for change in target.changes:
        rel = change.path.relative_to(root).as_posix()
        plan.append(f"{change.action} {change.kind} {change.item} -> {rel}")
        if change.path.is_symlink():
            links.append(f"{rel} -> {norm(os.readlink(change.path))}")
        elif change.path.is_file():
            files[f"tree/{rel}"] = norm(change.path.read_text(encoding="utf-8"))
    report = [
        f"{r.action} {r.kind} {r.name} [{r.scope}] {r.field or '-'}: {norm(r.reason)}" for r in target.report
    ]
    files["plan.txt"] = "\n".join(sorted(set(plan))) + "\n"
    files["links.txt"] = "\n".join(sorted(links)) + "\n"
    files["report.txt"] = "\n".join(report) + "\n"
    return files


def test_team_setup_matches_the_golden_files(runner):
    project = runner.team()
    check_golden_tree(GOLDEN, rendered_tree(runner, project))
