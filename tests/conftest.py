"""Fixtures for the core's tests: the fake harness adapter, installed for real (a dist-info
directory with an ``hsync`` entry point on ``PYTHONPATH``) so that subprocesses find it the way
they find any third-party adapter."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from hsync_core.testing import HsyncEnv

HERE = Path(__file__).parent


def install_fake_distribution(site: Path, dist: str, entry_points: str, modules: dict[str, str]) -> None:
    info = site / f"{dist.replace('-', '_')}-0.1.0.dist-info"
    info.mkdir(parents=True, exist_ok=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 0.1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(entry_points, encoding="utf-8")
    for name, text in modules.items():
        (site / f"{name}.py").write_text(text, encoding="utf-8")


@pytest.fixture
def fake_site(tmp_path: Path) -> Path:
    """A directory holding the installed fake adapter ``hsync-fakeharness``."""
    site = tmp_path / "site"
    site.mkdir()
    install_fake_distribution(
        site,
        "hsync-fakeharness",
        "[hsync]\nfakeharness = fake_adapter\n",
        {"fake_adapter": (HERE / "fake_adapter.py").read_text(encoding="utf-8")},
    )
    return site


@pytest.fixture
def env(hsync_env: HsyncEnv, fake_site: Path, monkeypatch: pytest.MonkeyPatch) -> HsyncEnv:
    """``hsync_env`` whose subprocesses see only the fake adapter."""
    pythonpath = os.pathsep.join(filter(None, [str(fake_site), os.environ.get("PYTHONPATH")]))
    hsync_env.environ.update(PYTHONPATH=pythonpath, HSYNC_LOAD_PLUGINS="fakeharness")
    monkeypatch.syspath_prepend(str(fake_site))
    monkeypatch.setenv("HSYNC_LOAD_PLUGINS", "fakeharness")
    return hsync_env


@pytest.fixture
def example_copy(tmp_path: Path) -> Path:
    """A copy of the bundled example (``examples/team``)."""
    target = tmp_path / "example"
    shutil.copytree(HERE.parent / "examples" / "team", target, symlinks=True)
    return target
