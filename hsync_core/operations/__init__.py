"""What the front ends (the CLI, the daemon, the Claude Code hooks) ask for, above the engine:
:mod:`.runner` (one sync under the run lock, debounced), :mod:`.status`, :mod:`.diff` (how a
plan is shown), :mod:`.results_json`, :mod:`.debounce` and :mod:`.locations` (home, project,
``$HSYNC_HOME``). Never imports the CLI.
"""
