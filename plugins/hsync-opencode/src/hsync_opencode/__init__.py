"""hsync adapter for opencode (being written)."""
