"""Copy the example home and project to DEST and write the local-scope entry of ~/.claude.json.

Usage: python examples/prepare.py DEST   (prints the home and project paths)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent / "team"


def prepare(dest: Path, home: Path | None = None) -> tuple[Path, Path]:
    """Copy the example to ``dest`` (the home to ``home`` when given); return (home, project)."""
    dest = dest.resolve()
    home, project = (home or dest / "home").resolve(), dest / "project"
    shutil.copytree(HERE / "home", home, symlinks=True, dirs_exist_ok=True)
    shutil.copytree(HERE / "project", project, symlinks=True)
    template = home / ".claude.json.template"
    (home / ".claude.json").write_text(
        template.read_text(encoding="utf-8").replace("@PROJECT@", str(project)), encoding="utf-8"
    )
    template.unlink()
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    return home, project


if __name__ == "__main__":
    home, project = prepare(Path(sys.argv[1]))
    print(home)
    print(project)
