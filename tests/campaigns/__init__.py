"""hsync's reliability campaigns: crash, race, bad input, secrets, the daemon's socket.

Each campaign module has ``run(trials, seed, log) -> Outcome`` and works in temporary homes with
the real ``hsync`` CLI and every installed adapter. ``tests/test_campaigns.py`` runs a short
version of each with the normal suite; ``scripts/campaign NAME [--trials N]`` runs the long one
and prints its figures (see the README's "Reliability campaigns").
"""
