"""What makes hsync part of another tool; today :mod:`.claude` (Claude Code)."""
