"""The control socket: ``$HSYNC_HOME/daemon.sock``, mode 0600, one JSON object per line each
way. Requests ``{"cmd": "ping" | "status" | "snapshot" | "sync" | "stop", ...}`` get ``{"ok": true, "data":
...}`` or ``{"ok": false, "error": "..."}``. A malformed line, an unknown command or a line over
:data:`MAX_LINE` bytes gets an error reply and the daemon carries on (an oversized line also
ends that connection, since the rest of it cannot be told apart from the next request).

Many clients at once: the listen backlog holds :data:`BACKLOG` connections, at most
:data:`MAX_CONNECTIONS` are served at once (each by a thread), a connection idle for
:data:`IDLE_TIMEOUT` seconds is closed, and one that finds every slot taken for :data:`BUSY_WAIT`
seconds is answered ``busy`` and closed; the daemon serves on.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import socket
import socketserver
import struct
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .paths import socket_address

log = logging.getLogger("hsync.daemon")

MAX_LINE = 64 * 1024
BACKLOG = 128  # connections the kernel queues before refusing (100 at once must all be served)
MAX_CONNECTIONS = 32  # connections served at once; more wait for a free slot (and in the backlog)
BUSY_WAIT = 30.0  # seconds a connection waits for a slot before it is answered "busy" and closed
IDLE_TIMEOUT = 60.0  # seconds a connection may sit without sending a request
Handler = Callable[[dict[str, Any]], Any]


class ProtocolError(Exception):
    """A request the daemon cannot act on; its message is sent back as ``error``."""


class _Connection(socketserver.StreamRequestHandler):
    server: _Server
    timeout = IDLE_TIMEOUT  # an idle connection does not hold its thread for ever

    def handle(self) -> None:
        while True:
            try:
                line = self.rfile.readline(MAX_LINE + 1)
            except OSError:
                return
            if not line:
                return
            if len(line) > MAX_LINE and not line.endswith(b"\n"):
                self._reply({"ok": False, "error": f"request longer than {MAX_LINE} bytes"})
                return
            if not line.strip():
                continue
            self._reply(self.server.answer(line))

    def _reply(self, message: dict[str, Any]) -> None:
        try:
            self.wfile.write(json.dumps(message, default=str).encode("utf-8") + b"\n")
            self.wfile.flush()
        except OSError:
            pass  # the client went away


class _Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True
    allow_reuse_address = False
    request_queue_size = BACKLOG

    def __init__(self, address: str, commands: dict[str, Handler]):
        self.commands = commands
        self.slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
        super().__init__(address, _Connection, bind_and_activate=False)

    def verify_request(self, request: Any, client_address: Any) -> bool:
        """Serve only the daemon's own user, even if the socket's mode were opened up (or is not
        enforced, as on some BSDs): the peer's uid is read from the kernel where it tells it."""
        uid = peer_uid(request)
        if uid is None or uid == os.geteuid():
            return True
        log.warning("refused a connection from uid %d (the daemon serves uid %d only)", uid, os.geteuid())
        with contextlib.suppress(OSError):
            message = f"refused: uid {uid} is not the daemon's user"
            request.sendall(json.dumps({"ok": False, "error": message}).encode() + b"\n")
        return False

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self.slots.acquire(timeout=BUSY_WAIT):  # all slots held (idle clients?): say so
            with contextlib.suppress(OSError):
                request.sendall(b'{"ok": false, "error": "busy: too many connections; retry"}\n')
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()

    def server_bind(self) -> None:
        old = os.umask(0o177)  # the socket is created 0600: only its owner may talk to the daemon
        try:
            self.socket.bind(self.server_address)
        finally:
            os.umask(old)

    def answer(self, line: bytes) -> dict[str, Any]:
        try:
            request = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            return {"ok": False, "error": f"invalid JSON: {exc}"}
        if not isinstance(request, dict) or not isinstance(request.get("cmd"), str):
            return {"ok": False, "error": 'a request is a JSON object with a "cmd" string'}
        handler = self.commands.get(request["cmd"])
        if handler is None:
            known = ", ".join(sorted(self.commands))
            return {"ok": False, "error": f"unknown command {request['cmd']!r} (one of {known})"}
        try:
            return {"ok": True, "data": handler(request)}
        except ProtocolError as exc:
            return {"ok": False, "error": str(exc)}
        except Exception as exc:  # a bug must not take the daemon down
            log.exception("control command %s failed", request["cmd"])
            return {"ok": False, "error": f"{type(exc).__name__}: {exc}"}


class ControlSocket:
    def __init__(self, path: Path, commands: dict[str, Handler]):
        self.path = path
        self.commands = commands
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        with socket_address(self.path) as address:
            server = _Server(address, self.commands)
            try:
                server.server_bind()
                os.chmod(self.path, 0o600)
                server.server_activate()
            except BaseException:
                server.server_close()
                raise
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, args=(0.5,), name="control", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.path)


def peer_uid(sock: socket.socket) -> int | None:
    """The uid of the process at the other end of a Unix socket (Linux ``SO_PEERCRED``), or None
    where the system does not say."""
    option = getattr(socket, "SO_PEERCRED", None)
    if option is None:
        return None
    try:
        creds = sock.getsockopt(socket.SOL_SOCKET, option, struct.calcsize("3i"))
    except OSError:
        return None
    return struct.unpack("3i", creds)[1]


def clear_stale(path: Path) -> bool:
    """Remove a socket no process listens on (left by a crash); True when one was removed.
    Raises when a live process answers on it."""
    if not path.exists() and not path.is_symlink():
        return False
    probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        with socket_address(path) as address:
            probe.connect(address)
    except OSError:
        os.unlink(path)
        return True
    finally:
        probe.close()
    raise RuntimeError(f"another process is listening on {path}")
