"""hsync adapter for gemini (being written)."""
