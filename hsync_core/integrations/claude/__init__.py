"""hsync inside Claude Code: the plugin it ships (``plugin/``: slash commands and hooks), its
installation (:mod:`.install`, :mod:`.entries`) and what the hooks run (:mod:`.hook_input`,
:mod:`.post_tool_use`, :mod:`.session_start`).
"""
