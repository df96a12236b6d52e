"""The background daemon: it watches the sources, keeps registered projects in sync, checks
for drift on a schedule and answers on a control socket. See :mod:`.service` for running it
under launchd or systemd."""
