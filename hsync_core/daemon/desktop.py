"""Desktop notifications (opt-in: ``[notifications] desktop = true``): what the daemon raises —
drift, conflicts, failed syncs — also goes to the desktop, through ``desktop-notifier``:
freedesktop notifications over the D-Bus session bus on Linux, Notification Center on macOS.

``notifications.json`` stays the record either way. Without a desktop session (no
``DBUS_SESSION_BUS_ADDRESS``, or no service owning ``org.freedesktop.Notifications`` on the
bus) or outside an app bundle on macOS, nothing reaches the desktop: the daemon says so once —
a line in its log and a notification of kind ``desktop`` in ``hsync notifications`` — and carries
on with the file alone.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Mapping
from typing import Any

from ..store.notifications import Notification, NotificationStore

log = logging.getLogger("hsync.daemon")

#: the kinds that reach the desktop
DESKTOP_KINDS = ("drift", "conflict", "failed")
SEND_TIMEOUT = 10.0  # seconds one notification may take before the desktop counts as unavailable
TITLES = {"drift": "hsync: edited by hand", "conflict": "hsync: conflict", "failed": "hsync: sync failed"}


class DesktopNotifier:
    """Forwards every notification raised since the last call to the desktop (see module doc)."""

    def __init__(self, store: NotificationStore, environ: Mapping[str, str], *, enabled: bool):
        self.store = store
        self.environ = environ
        self.enabled = enabled
        self.unavailable: str | None = None  # why the desktop cannot be reached (said once)
        self.last_id = max((n.id for n in store.all()), default=0) if enabled else 0  # older: seen
        self._loop: asyncio.AbstractEventLoop | None = None
        self._api: Any = None

    def forward(self) -> list[Notification]:
        """Send the notifications raised since the last call; return those that reached the desktop."""
        if not self.enabled or self.unavailable:
            return []
        try:
            new = [n for n in self.store.all() if n.id > self.last_id]
        except (OSError, ValueError):
            return []
        if new:
            self.last_id = max(n.id for n in new)
        wanted = [n for n in new if n.kind in DESKTOP_KINDS and not n.dismissed]
        if not wanted:
            return []
        sent = []
        for note in wanted:
            problem = self._send(note)
            if problem:
                self._give_up(problem)
                break
            sent.append(note)
        if sent:  # the desktop works (again): an earlier "unavailable" no longer holds
            with self.store.changes() as changes:
                changes.resolve("desktop:")
        return sent

    def close(self) -> None:
        if self._loop is not None:
            self._loop.close()
            self._loop = None

    # ---------------------------------------------------------------------------------- sending
    def _send(self, note: Notification) -> str | None:
        """None when the desktop took ``note``; else why not."""
        if sys.platform.startswith("linux") and not self.environ.get("DBUS_SESSION_BUS_ADDRESS"):
            return "no desktop session (DBUS_SESSION_BUS_ADDRESS is not set)"
        try:
            api = self._notifier()
        except Exception as exc:  # an import or platform problem: the file still has everything
            return f"desktop notifications cannot start ({exc})"
        dispatched: list[str] = []
        title = TITLES.get(note.kind, "hsync")
        message = note.message if len(note.message) <= 300 else note.message[:299] + "…"

        async def send() -> None:
            await api.send(title=title, message=message, on_dispatched=lambda: dispatched.append("yes"))

        assert self._loop is not None
        try:
            self._loop.run_until_complete(asyncio.wait_for(send(), SEND_TIMEOUT))
        except TimeoutError:
            return f"the notification service did not answer within {SEND_TIMEOUT:g} s"
        except Exception as exc:
            return f"sending failed: {exc}"
        if not dispatched:  # desktop-notifier logs and swallows a failed send
            return "no notification service answers on the session bus (org.freedesktop.Notifications)"
        return None

    def _notifier(self) -> Any:
        if self._api is None:
            from desktop_notifier import DesktopNotifier as Api
            from desktop_notifier.main import get_backend_class

            logging.getLogger("desktop_notifier").setLevel(logging.CRITICAL)  # we say it once, below
            if get_backend_class().__name__ == "DummyNotificationCenter":
                raise RuntimeError("no notification service on this system (on macOS: not an app bundle)")
            self._loop = asyncio.new_event_loop()
            self._api = Api(app_name="hsync")
        return self._api

    def _give_up(self, problem: str) -> None:
        self.unavailable = problem
        message = (
            f"desktop notifications are on, but {problem}; notifications stay in "
            "`hsync notifications` (the daemon tries the desktop again when it restarts)"
        )
        log.warning("%s", message)
        try:
            self.store.raise_("desktop", "desktop:unavailable", message)
            self.last_id = max(self.last_id, max((n.id for n in self.store.all()), default=0))
        except (OSError, ValueError):
            pass
