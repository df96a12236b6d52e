"""Writing: :mod:`.apply` hands each target's plan to ``write_target``; :mod:`.writer` is the
core's ``write_target``, staging every file into the run's one atomic batch
(:mod:`hsync_core.files.atomicio`). Writes only inside each output's root.
"""
