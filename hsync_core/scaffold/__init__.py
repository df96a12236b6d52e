"""``hsync new-adapter NAME``: a package skeleton for a new harness adapter that passes its own
tests the moment it is created (``AdapterContract``, and a real-CLI test waiting for a pin).

The files are templates in ``template/`` (``{name}``, ``{module}``, ``{title}``, ``{upper}`` and
``{core_version}`` are filled in). Writes only the new package's folder, which must not exist.
"""

from __future__ import annotations

import re
from pathlib import Path

from .. import __version__
from ..errors import UsageError

TEMPLATE = Path(__file__).resolve().parent / "template"
NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


def create_adapter(name: str, directory: Path, *, title: str | None = None) -> Path:
    """Write ``directory/hsync-<name>/`` and return it."""
    if not NAME.fullmatch(name):
        raise UsageError(f"adapter name {name!r}: use lowercase letters, digits and '-' (e.g. 'my-harness')")
    package = directory / f"hsync-{name}"
    if package.exists():
        raise UsageError(f"{package} already exists")
    module = name.replace("-", "_")
    values = {
        "name": name,
        "module": module,
        "title": title or " ".join(part.capitalize() for part in name.split("-")),
        "upper": module.upper(),
        "core_version": __version__,
    }
    for source in sorted(TEMPLATE.rglob("*.tmpl")):
        rel = source.relative_to(TEMPLATE).with_suffix("")  # drop .tmpl
        target = package / Path(*(part.replace("hsync_NAME", f"hsync_{module}") for part in rel.parts))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(source.read_text(encoding="utf-8").format(**values), encoding="utf-8")
    return package
