"""The real harness CLIs as validators: install a pinned npm package once into a cache folder
(``HSYNC_TEST_CLIENTS`` or ``~/.cache/hsync-test-clients``), and run it offline on copies of a
temporary home and project.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .env import HsyncEnv

#: how long a test lets a harness CLI run before calling it hung: a cap for a lost process, never a
#: speed goal (a Node CLI starting on a busy machine can take minutes)
CLIENT_PATIENCE = 900.0


def clients_dir() -> Path:
    """Where pinned harness CLIs are installed (``HSYNC_TEST_CLIENTS`` or the user cache)."""
    value = os.environ.get("HSYNC_TEST_CLIENTS")
    if value:
        return Path(value)
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path(os.path.expanduser("~")) / ".cache")
    return Path(cache) / "hsync-test-clients"


_CLIENTS_ROOT = clients_dir()  # taken at import, before any fixture points HOME elsewhere


#: ``HSYNC_CLIENT_VERSIONS="@openai/codex=0.171.0,opencode-ai=1.19.0"`` runs the real-CLI tests
#: against other versions than the pinned ones (``scripts/compat`` sets it to the latest releases)
VERSIONS_VARIABLE = "HSYNC_CLIENT_VERSIONS"


def client_version(package: str, pinned: str) -> str:
    """The version of ``package`` this run tests: ``pinned``, unless ``HSYNC_CLIENT_VERSIONS``
    names another."""
    for pair in os.environ.get(VERSIONS_VARIABLE, "").split(","):
        name, sep, version = pair.strip().rpartition("=")
        if sep and name == package and version:
            return version
    return pinned


#: a JSON-lines file where each real CLI a test uses is recorded (``scripts/compat`` reads it)
LOG_VARIABLE = "HSYNC_CLIENT_LOG"


def _log_use(package: str, pinned: str, version: str) -> None:
    log = os.environ.get(LOG_VARIABLE)
    if log:
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(json.dumps({"package": package, "pinned": pinned, "version": version}) + "\n")


def npm_cli(package: str, version: str, binary: str, *, timeout: float = 900) -> Path:
    """Install ``package@version`` from the npm registry (once) and return its ``binary``.

    ``version`` is the pinned one; ``HSYNC_CLIENT_VERSIONS`` may replace it for a compatibility
    run (:func:`client_version`).

    Installs into ``<clients dir>/<package>@<version>`` with a throwaway ``HOME`` and npm cache
    (some postinstall scripts write into ``$HOME``). Raises ``RuntimeError`` when npm is missing
    or the install fails, so a test that needs the CLI fails loudly instead of skipping.
    """
    pinned, version = version, client_version(package, version)
    _log_use(package, pinned, version)
    directory = _CLIENTS_ROOT / f"{package.replace('/', '+')}@{version}"
    executable = directory / "node_modules" / ".bin" / binary
    if executable.exists():
        return executable
    directory.mkdir(parents=True, exist_ok=True)
    # several test processes (or checkouts) may want the same CLI at once: one installs, the
    # others wait and then find it installed
    with open(directory.parent / f".{directory.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not executable.exists():
            _npm_install(package, version, directory, timeout)
    if not executable.exists():
        raise RuntimeError(f"npm install {package}@{version} did not provide {binary}")
    return executable


def _npm_install(package: str, version: str, directory: Path, timeout: float) -> None:
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError(f"npm is needed to install {package}@{version} for this test")
    (directory / ".home").mkdir(exist_ok=True)
    if not (directory / "package.json").exists():
        (directory / "package.json").write_text(
            '{"name": "hsync-test-clients", "private": true}\n', encoding="utf-8"
        )
    env = {**os.environ, "HOME": str(directory / ".home"), "npm_config_update_notifier": "false"}
    done = subprocess.run(
        [
            npm,
            "install",
            "--no-audit",
            "--no-fund",
            "--cache",
            str(directory / ".npm-cache"),
            f"{package}@{version}",
        ],
        cwd=directory,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(
            f"npm install {package}@{version} failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
        )


def copy_for_client(env: HsyncEnv, project: Path) -> tuple[Path, Path]:
    """Copies of the temporary home and a project for a harness CLI to read (it writes state)."""
    scratch = env.root / "client-scratch"
    if scratch.exists():
        shutil.rmtree(scratch)
    home = scratch / "home"
    copied = scratch / project.name
    shutil.copytree(env.home, home, symlinks=True)
    shutil.copytree(project, copied, symlinks=True)
    return home, copied


def client_environ(env: HsyncEnv, home: Path, **extra: str) -> dict[str, str]:
    keep = ("PATH", "LANG", "USER", "TMPDIR", "SYSTEMROOT")
    environ = {k: os.environ[k] for k in keep if k in os.environ}
    environ.update(HOME=str(home), NO_COLOR="1", FORCE_COLOR="0", CI="1", TERM="dumb", LANG="C.UTF-8")
    environ.update(extra)
    return environ


def run_client(
    command: list[str], *, cwd: Path, env: dict[str, str], timeout: float = CLIENT_PATIENCE
) -> subprocess.CompletedProcess[str]:
    """Run a harness CLI with stdin from /dev/null; its output is captured whole.

    Output goes to temporary regular files, never to pipes: CLIs built on Bun (OpenCode, Kilo)
    end every command with ``process.exit()``, which drops whatever a pipe has not yet taken. On a
    busy machine, where the test reads the pipe late, ``kilo agent list`` (about 150 kB) lost its
    last lines and still exited 0. A regular file takes every write at once.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        done = subprocess.run(
            command,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            timeout=timeout,
            check=False,
        )
        texts = []
        for handle in (out, err):
            handle.seek(0)
            texts.append(handle.read().decode("utf-8", "replace"))
    return subprocess.CompletedProcess(done.args, done.returncode, texts[0], texts[1])
