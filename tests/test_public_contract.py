"""The adapters use only the public contract: ``hsync_core`` (and its hookspecs) in their code,
plus ``hsync_core.testing`` in their tests. Everything the contract names can be imported."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

import hsync_core

ROOT = Path(__file__).resolve().parent.parent
PUBLIC_FOR_CODE = {"hsync_core", "hsync_core.hookspecs"}
PUBLIC_FOR_TESTS = PUBLIC_FOR_CODE | {"hsync_core.testing"}


def core_imports(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules = [node.module]
            if node.module == "hsync_core":  # from hsync_core import models  (a submodule)
                modules += [
                    f"hsync_core.{a.name}"
                    for a in node.names
                    if a.name not in hsync_core.__all__ and a.name != "*"
                ]
        elif isinstance(node, ast.Import):
            modules = [a.name for a in node.names]
        else:
            continue
        found += [(node.lineno, m) for m in modules if m == "hsync_core" or m.startswith("hsync_core.")]
    return found


def adapter_files() -> list[tuple[Path, set[str]]]:
    files = []
    for package in sorted((ROOT / "plugins").iterdir()):
        files += [(p, PUBLIC_FOR_CODE) for p in sorted((package / "src").rglob("*.py"))]
        files += [(p, PUBLIC_FOR_TESTS) for p in sorted((package / "tests").rglob("*.py"))]
    return files


def test_adapters_import_only_the_public_contract():
    private = [
        f"{path.relative_to(ROOT)}:{line}: {module}"
        for path, allowed in adapter_files()
        for line, module in core_imports(path)
        if module not in allowed
    ]
    assert private == []


def test_the_check_catches_a_private_import(tmp_path):
    module = tmp_path / "adapter.py"
    module.write_text(
        "from hsync_core import hookimpl\nfrom hsync_core.engine import Engine\nfrom hsync_core import models\n"
    )
    assert [m for _, m in core_imports(module)] == [
        "hsync_core",
        "hsync_core.engine",
        "hsync_core",
        "hsync_core.models",
    ]


@pytest.mark.parametrize("name", hsync_core.__all__)
def test_every_public_name_imports(name):
    assert getattr(hsync_core, name) is not None


def test_the_testing_kit_exports_what_it_lists():
    testing = importlib.import_module("hsync_core.testing")
    for name in testing.__all__:
        assert getattr(testing, name) is not None
