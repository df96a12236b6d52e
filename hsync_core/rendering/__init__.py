"""Rendering: the helpers every adapter shares (:mod:`.instructions`, the managed instructions
block; :mod:`.naming`, the naming policy; :mod:`.placeholders`, rewriting only outside code), all
public through ``hsync_core``, and the engine's render step (:mod:`.dispatch`). Pure: nothing
here writes.
"""
