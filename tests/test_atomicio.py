"""Batched atomic writes: every file is old or new, never half, whatever fails when."""

import os
import subprocess
import sys

import pytest

from hsync_core.files import atomicio
from hsync_core.files.atomicio import Batch, write_atomic


def test_write_atomic_keeps_mode(tmp_path):
    path = tmp_path / "f"
    path.write_text("old")
    path.chmod(0o640)
    write_atomic(path, b"new")
    assert path.read_bytes() == b"new" and (path.stat().st_mode & 0o777) == 0o640


def test_batch_writes_links_and_deletes(tmp_path):
    (tmp_path / "gone").write_text("x")
    source = tmp_path / "src"
    source.mkdir()
    batch = Batch()
    batch.write(tmp_path / "a/b.txt", b"b")
    batch.write(tmp_path / "run.sh", b"#!/bin/sh\n", executable=True)
    batch.link(tmp_path / "linked", source)
    batch.delete(tmp_path / "gone")
    changed = batch.commit()
    assert len(changed) == 4
    assert (tmp_path / "a/b.txt").read_bytes() == b"b"
    assert os.access(tmp_path / "run.sh", os.X_OK)
    assert os.readlink(tmp_path / "linked") == str(source)
    assert not (tmp_path / "gone").exists()


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002, 0o277])
def test_batch_modes_follow_the_umask_the_old_file_and_privacy(tmp_path, umask):
    kept = tmp_path / "kept"
    kept.write_text("old")
    kept.chmod(0o604)
    old = os.umask(umask)
    try:
        batch = Batch()
        batch.write(tmp_path / "new/plain.md", b"x")
        batch.write(tmp_path / "new/run.sh", b"#!/bin/sh\n", executable=True)
        batch.write(tmp_path / "new/secret.json", b"{}", private=True)
        batch.write(kept, b"new")
        batch.commit()
    finally:
        os.umask(old)

    def mode(name):
        return (tmp_path / name).stat().st_mode & 0o777

    assert mode("new/plain.md") == 0o666 & ~umask
    assert mode("new/run.sh") == 0o777 & ~umask
    assert mode("new/secret.json") == 0o600  # whatever the umask
    assert mode("kept") == 0o604 and kept.read_text() == "new"


def test_a_file_never_replaces_a_directory(tmp_path):
    (tmp_path / "dir").mkdir()
    (tmp_path / "dir/mine.txt").write_text("mine")
    batch = Batch()
    batch.write(tmp_path / "dir", b"x")
    batch.commit()
    assert (tmp_path / "dir" in batch.failed) and (tmp_path / "dir/mine.txt").read_text() == "mine"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(atomicio.TEMP_PREFIX)] == []


def test_batch_flushes_once_per_filesystem_not_per_file(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(atomicio, "flush_filesystem", lambda path: calls.append(path))
    monkeypatch.setattr(os, "fsync", lambda fd: pytest.fail("no per-file fsync in a batch"))
    batch = Batch()
    for i in range(50):
        batch.write(tmp_path / f"d{i % 5}" / f"f{i}", b"x")
    batch.commit()
    assert len(calls) == 2  # temp files, then the renames


def test_a_failing_rename_fails_alone_and_names_its_own_path(tmp_path, monkeypatch):
    for i in range(10):
        (tmp_path / f"f{i}").write_text("old")
    real_replace = os.replace
    count = {"n": 0}

    def failing_replace(src, dst):
        count["n"] += 1
        if count["n"] == 5:
            raise OSError("disk gone")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_replace)
    batch = Batch()
    for i in range(10):
        batch.write(tmp_path / f"f{i}", b"new")
    changed = batch.commit()
    contents = [(tmp_path / f"f{i}").read_text() for i in range(10)]
    assert contents.count("new") == 9 and contents.count("old") == 1  # the others went on
    assert list(batch.failed) == [tmp_path / "f4"] and "disk gone" in str(batch.failed[tmp_path / "f4"])
    assert tmp_path / "f4" not in changed and len(changed) == 9
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(atomicio.TEMP_PREFIX)]


def test_stale_temp_files_of_a_dead_writer_are_cleaned_by_the_next_write(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True)
    pid = int(dead.stdout)
    (tmp_path / f"{atomicio.TEMP_PREFIX}{pid}-abc").write_text("half")
    (tmp_path / f"{atomicio.TEMP_PREFIX}{pid}-skill").mkdir()  # a staged copy of a skill folder
    live = tmp_path / f"{atomicio.TEMP_PREFIX}{os.getpid()}-mine"
    live.write_text("a live writer's")
    batch = Batch()
    batch.write(tmp_path / "f", b"x")
    batch.commit()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["f", live.name])


def test_a_path_that_cannot_be_staged_fails_alone(tmp_path):
    (tmp_path / "blocker").write_text("a file, not a directory")
    batch = Batch()
    batch.write(tmp_path / "blocker/inside.txt", b"x")
    batch.write(tmp_path / "fine.txt", b"y")
    assert batch.commit() == [tmp_path / "fine.txt"]
    assert list(batch.failed) == [tmp_path / "blocker/inside.txt"]
    assert (tmp_path / "fine.txt").read_bytes() == b"y"
