"""The real-world setup lives in the testing kit (``hsync_core.testing.realworld``), so that every
adapter's tests can have its real harness CLI read what hsync writes for it."""

from hsync_core.testing.realworld import AGENTS_PER_CATEGORY, CATEGORIES, SECRET, build_collection

__all__ = ["AGENTS_PER_CATEGORY", "CATEGORIES", "SECRET", "build_collection"]
