"""hsync adapter for codex (being written)."""
