"""Running the daemon at login: a systemd user unit on Linux, a launchd agent on macOS.

``install`` writes the unit (or plist) and runs the service manager's commands to enable and
start it; it records in ``$HSYNC_HOME/service.json`` the file it wrote (with its hash) and the
directories it created. ``uninstall`` stops and disables the service and removes exactly those:
a unit file the user has since edited is left in place and reported.
"""

from __future__ import annotations

import hashlib
import os
import plistlib
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from attrs import define

from ..errors import HsyncError
from ..files.atomicio import write_atomic
from ..store.jsondoc import JsonDocument

UNIT_NAME = "hsync.service"
LAUNCHD_LABEL = "dev.hsync.daemon"
PASSED_ENV = ("HSYNC_HOME", "CODEX_HOME", "XDG_CONFIG_HOME", "PATH")


@define
class ServicePlan:
    platform: str  # "systemd" | "launchd"
    path: Path
    content: bytes
    install_commands: list[list[str]]
    uninstall_commands: list[list[str]]


def daemon_command() -> list[str]:
    return [sys.executable, "-m", "hsync_core.cli", "daemon", "run", "--no-console"]


def plan(
    *, home: Path, hsync_home: Path, environ: dict[str, str], platform: str | None = None
) -> ServicePlan:
    platform = platform or ("launchd" if sys.platform == "darwin" else "systemd")
    env = {name: environ[name] for name in PASSED_ENV if environ.get(name)}
    env["HSYNC_HOME"] = str(hsync_home)
    if platform == "launchd":
        path = home / "Library" / "LaunchAgents" / f"{LAUNCHD_LABEL}.plist"
        content = plistlib.dumps(
            {
                "Label": LAUNCHD_LABEL,
                "ProgramArguments": daemon_command(),
                "EnvironmentVariables": env,
                "RunAtLoad": True,
                "KeepAlive": {"SuccessfulExit": False},
                "ProcessType": "Background",
                "StandardOutPath": str(hsync_home / "logs" / "daemon.stderr"),
                "StandardErrorPath": str(hsync_home / "logs" / "daemon.stderr"),
            }
        )
        domain = f"gui/{os.getuid()}"
        return ServicePlan(
            platform,
            path,
            content,
            [["launchctl", "bootstrap", domain, str(path)]],
            [["launchctl", "bootout", f"{domain}/{LAUNCHD_LABEL}"]],
        )
    if platform != "systemd":
        raise HsyncError(f"unknown service platform {platform!r} (systemd or launchd)")
    config_home = Path(environ.get("XDG_CONFIG_HOME") or home / ".config")
    path = config_home / "systemd" / "user" / UNIT_NAME
    lines = [
        "# Written by `hsync daemon install`; `hsync daemon uninstall` removes it.",
        "[Unit]",
        "Description=hsync: keep Codex, Gemini CLI and OpenCode in sync with Claude Code",
        "",
        "[Service]",
        "Type=simple",
        f"ExecStart={shlex.join(daemon_command())}",
        *(f"Environment={_systemd_quote(f'{k}={v}')}" for k, v in env.items()),
        "Restart=on-failure",
        "RestartSec=5",
        "",
        "[Install]",
        "WantedBy=default.target",
        "",
    ]
    return ServicePlan(
        platform,
        path,
        "\n".join(lines).encode("utf-8"),
        [["systemctl", "--user", "daemon-reload"], ["systemctl", "--user", "enable", "--now", UNIT_NAME]],
        [["systemctl", "--user", "disable", "--now", UNIT_NAME], ["systemctl", "--user", "daemon-reload"]],
    )


def _systemd_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _record(hsync_home: Path) -> JsonDocument:
    return JsonDocument(hsync_home / "service.json", default=dict)


def _run(commands: list[list[str]]) -> list[str]:
    """Run the service manager's commands; return one problem line per command that failed."""
    problems = []
    for command in commands:
        if shutil.which(command[0]) is None:
            problems.append(f"{command[0]} not found; run it yourself: {shlex.join(command)}")
            continue
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            why = (done.stderr or done.stdout).strip().splitlines()
            problems.append(f"{shlex.join(command)} failed: {why[-1] if why else f'exit {done.returncode}'}")
    return problems


def install(service: ServicePlan, hsync_home: Path) -> dict[str, Any]:
    created = []
    missing = service.path.parent
    while not missing.exists():
        created.append(str(missing))
        missing = missing.parent
    previous = service.path.read_bytes() if service.path.exists() else None
    record = _record(hsync_home)
    with record.update() as data:
        if previous is not None and previous != service.content and data.get("path") != str(service.path):
            raise HsyncError(f"{service.path}: exists and was not written by hsync; not replacing it")
        write_atomic(service.path, service.content)
        data.update(
            platform=service.platform,
            path=str(service.path),
            sha256=hashlib.sha256(service.content).hexdigest(),
            created_dirs=sorted(set(data.get("created_dirs", [])) | set(created)),
            uninstall_commands=service.uninstall_commands,
        )
    return {
        "path": str(service.path),
        "changed": previous != service.content,
        "problems": _run(service.install_commands),
    }


def uninstall(hsync_home: Path) -> dict[str, Any]:
    record = _record(hsync_home)
    data = record.read()
    if not data.get("path"):
        return {"installed": False, "problems": []}
    problems = _run(data.get("uninstall_commands", []))
    path = Path(data["path"])
    removed = []
    if path.exists():
        if hashlib.sha256(path.read_bytes()).hexdigest() != data.get("sha256"):
            problems.append(f"{path}: edited since hsync wrote it; left in place")
        else:
            path.unlink()
            removed.append(str(path))
    for directory in sorted(data.get("created_dirs", []), key=len, reverse=True):
        try:
            Path(directory).rmdir()  # only when empty: never removes what others put there
            removed.append(directory)
        except OSError:
            pass
    record.path.unlink(missing_ok=True)
    return {"installed": True, "removed": removed, "problems": problems}
