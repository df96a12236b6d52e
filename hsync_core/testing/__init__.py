"""The kit for testing hsync and its adapters.

- :mod:`.pytest_plugin`: the fixtures (``hsync_env``, ``make_project``, ``hsync_plugins``,
  ``hsync_cli``), loaded through the ``pytest11`` entry point; nothing is autouse.
- :class:`HsyncEnv` (:mod:`.env`): a throwaway home with helpers.
- :class:`AdapterContract` (:mod:`.contract`): the base class every adapter's tests subclass.
- :func:`check_golden`, :func:`check_golden_tree`, :func:`report_lines`, :func:`without_tmp`
  (:mod:`.golden`): golden files, rewritten with ``HSYNC_UPDATE_GOLDEN=1``.
- :func:`write_sample_setup` (:mod:`.samples`): a small, complete Claude Code setup;
  :func:`write_realworld_setup` (:mod:`.realworld`): a big one shaped like public collections.
- :func:`copy_setup`, :func:`commit`, :class:`TargetRunner`, :func:`assert_second_sync_writes_nothing`,
  :func:`team_fixtures`, :class:`TeamGolden` (:mod:`.team`): an adapter's own fixture setup copied
  into the home, and its target run on it; :func:`changes_tree`, :func:`check_run_golden`
  (:mod:`.golden`): a target's run as golden files.
- ``Engine``, ``RunResult``, ``TargetResult``: run the pipeline in-process and inspect it.
- :func:`npm_cli`, :func:`copy_for_client`, :func:`client_environ` (:mod:`.clients`): install a
  pinned harness CLI from the npm registry into a cache folder and run it offline;
  :func:`run_client` runs one with its whole output captured (through files, not pipes).
"""

from __future__ import annotations

from ..engine import Engine
from ..planning.results import RunResult, TargetResult
from .clients import (
    CLIENT_PATIENCE,
    client_environ,
    client_version,
    clients_dir,
    copy_for_client,
    npm_cli,
    run_client,
)
from .contract import AdapterContract
from .env import HARNESS_VARIABLES, HsyncEnv, iter_files
from .golden import (
    changes_tree,
    check_golden,
    check_golden_tree,
    check_run_golden,
    report_line,
    report_lines,
    without_tmp,
    written_files,
)
from .realworld import build_collection as write_realworld_setup
from .samples import write_sample_setup
from .team import (
    TargetRunner,
    TeamGolden,
    assert_second_sync_writes_nothing,
    commit,
    copy_setup,
    team_fixtures,
)

__all__ = [
    "CLIENT_PATIENCE",
    "HARNESS_VARIABLES",
    "AdapterContract",
    "Engine",
    "HsyncEnv",
    "RunResult",
    "TargetResult",
    "TargetRunner",
    "TeamGolden",
    "assert_second_sync_writes_nothing",
    "changes_tree",
    "check_golden",
    "check_golden_tree",
    "check_run_golden",
    "client_environ",
    "client_version",
    "clients_dir",
    "commit",
    "copy_for_client",
    "copy_setup",
    "iter_files",
    "npm_cli",
    "report_line",
    "report_lines",
    "run_client",
    "team_fixtures",
    "without_tmp",
    "write_realworld_setup",
    "write_sample_setup",
    "written_files",
]
