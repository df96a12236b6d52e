"""Planning: decide, for every output, what the write step will do.

:mod:`.plan` walks the outputs path by path; :mod:`.decide` makes one output's decision (drift
included); :mod:`.disk` reads what is on disk and hashes it as hsync compares it;
:mod:`.contents` composes a file's new bytes; :mod:`.backups` keeps hand edits before they are
overwritten; :mod:`.results` holds what a run found. Reads the disk; only backups write (under
``$HSYNC_HOME``).
"""
