"""The documents hsync keeps under ``$HSYNC_HOME``, each with its schema and how it is updated:
:mod:`.state` (with :mod:`.migrations`), :mod:`.audit`, :mod:`.projects`, :mod:`.notifications`,
:mod:`.jsondoc` (locked read-modify-write for documents several processes share) and
:mod:`.lock` (the run lock). Touches nothing outside ``$HSYNC_HOME``.
"""
