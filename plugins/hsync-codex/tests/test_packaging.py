"""``hsync-codex`` is a distribution of its own: a wheel with the adapter and its entry point."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent


def test_the_wheel_holds_the_adapter_and_its_entry_point(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path), str(PACKAGE)],
        check=True,
        capture_output=True,
        text=True,
    )
    [wheel] = tmp_path.glob("hsync_codex-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        entry_points = archive.read(next(n for n in names if n.endswith("entry_points.txt"))).decode()
        metadata = archive.read(next(n for n in names if n.endswith("METADATA"))).decode()
    assert "[hsync]\ncodex = hsync_codex" in entry_points
    assert {f"hsync_codex/{p.name}" for p in (PACKAGE / "src" / "hsync_codex").glob("*.py")} <= set(names)
    assert not [n for n in names if "tests/" in n or n.endswith(".golden")]
    assert "Requires-Dist: hsync-core" in metadata
