"""The kit for testing hsync and its adapters.

- :mod:`.pytest_plugin`: the fixtures (``hsync_env``, ``make_project``, ``hsync_plugins``,
  ``hsync_cli``), loaded through the ``pytest11`` entry point; nothing is autouse.
- :class:`HsyncEnv` (:mod:`.env`): a throwaway home with helpers.
- :class:`AdapterContract` (:mod:`.contract`): the base class every adapter's tests subclass.
- :func:`write_sample_setup` (:mod:`.samples`): a small, complete Claude Code setup.
- :func:`npm_cli`, :func:`copy_for_client`, :func:`client_environ` (:mod:`.clients`): install a
  pinned harness CLI from the npm registry into a cache folder and run it offline.
"""

from __future__ import annotations

from .clients import client_environ, clients_dir, copy_for_client, npm_cli
from .contract import AdapterContract
from .env import HARNESS_VARIABLES, HsyncEnv, iter_files
from .samples import write_sample_setup

__all__ = [
    "HARNESS_VARIABLES",
    "AdapterContract",
    "HsyncEnv",
    "client_environ",
    "clients_dir",
    "copy_for_client",
    "iter_files",
    "npm_cli",
    "write_sample_setup",
]
