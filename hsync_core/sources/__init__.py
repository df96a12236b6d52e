"""Reading: the built-in Claude Code reader (a ``read_sources`` plugin), one module per kind.

:mod:`.reader` is the plugin and the order of a read; :mod:`.reading` the shared helpers (listing,
front matter, skipping with a reason); :mod:`.rules`, :mod:`.skills`, :mod:`.agents`,
:mod:`.commands`, :mod:`.mcp`, :mod:`.settings` and :mod:`.plugins` read one kind each;
:mod:`.frontmatter` and :mod:`.imports` parse; :mod:`.paths` says which files are sources.
May read the disk; never writes.
"""
