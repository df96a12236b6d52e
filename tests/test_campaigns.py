"""The short run of every reliability campaign (``tests/campaigns/``), in the normal suite: a few
kills, a couple of race rounds, a sample of the bad-input corpus, one secrets home, a burst of
bad socket messages. ``scripts/campaign NAME`` runs the long ones (see the README)."""

from __future__ import annotations

import pytest

from hsync_core.daemon.client import DaemonClient

from campaigns import badinput, crash, otheruser, race, secrets, sockets
from campaigns.common import Home


def report(outcome) -> str:
    return outcome.summary() + "".join(f"\n  {v}" for v in outcome.violations[:20])


def test_crash_anywhere_short():
    outcome = crash.run(4, seed=7, log=lambda _: None, size=6)
    assert outcome.trials == 4 and outcome.figures["kills"] >= 1
    assert not outcome.violations, report(outcome)


def test_races_short():
    outcome = race.run(2, seed=7, log=lambda _: None, size=4)
    assert not outcome.violations, report(outcome)


@pytest.mark.parametrize("case", badinput.CASES, ids=[c.name for c in badinput.CASES])
def test_bad_input(case):
    reason = badinput.skip_reason(case)
    if reason:
        pytest.skip(reason)
    assert badinput.one(case) == []


def test_secrets_short():
    outcome = secrets.run(1, seed=7, log=lambda _: None)
    assert not outcome.violations, report(outcome)


def test_the_daemon_socket_short():
    outcome = sockets.run(40, seed=7, log=lambda _: None)
    assert not outcome.violations, report(outcome)


def test_another_user_cannot_talk_to_the_daemon():
    """As root, a forked child dropped to uid/gid 65534 connects to the daemon's 0600 socket, also
    with every folder on the way open: refused (EACCES); the daemon goes on serving its owner."""
    reason = otheruser.unavailable()
    if reason:
        pytest.skip(reason)
    home = Home(size=2)
    client = DaemonClient(home.hsync_home)
    try:
        assert home.hsync("daemon", "start").returncode == 0
        outcome, problems = sockets.other_user(home, client)
        assert (outcome, problems) == ("refused", [])
        assert client.request({"cmd": "status"}, timeout=600)["ok"]
    finally:
        home.hsync("daemon", "stop")
        home.cleanup()
