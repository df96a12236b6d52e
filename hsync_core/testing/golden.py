"""Golden files: compare what a sync wrote with files kept beside the tests, byte for byte.

``HSYNC_UPDATE_GOLDEN=1 pytest …`` rewrites them instead (then review the diff). Paths and
texts are compared with the temporary directory written as a placeholder, so golden files do not
depend on where the test ran.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from ..models import ReportEntry
from ..planning.results import TargetResult
from .env import HsyncEnv

UPDATE_VARIABLE = "HSYNC_UPDATE_GOLDEN"


def updating() -> bool:
    """True when this run rewrites golden files (``HSYNC_UPDATE_GOLDEN=1``)."""
    return os.environ.get(UPDATE_VARIABLE) == "1"


def without_tmp(text: str, env: HsyncEnv, placeholder: str = "$TMP") -> str:
    """``text`` with the temporary directory (as given and resolved) written as ``placeholder``."""
    for root in sorted({str(env.root.resolve()), str(env.root)}, key=len, reverse=True):
        text = text.replace(root, placeholder)
    return text


def report_line(entry: ReportEntry) -> str:
    """``skipped agents reviewer [tools]: reason``: one report entry as golden files show it."""
    field = f" [{entry.field}]" if entry.field else ""
    return f"{entry.action} {entry.kind} {entry.name}{field}: {entry.reason}"


def report_lines(
    entries: Iterable[ReportEntry], *, line: Callable[[ReportEntry], str] = report_line, sort: bool = False
) -> str:
    """The report as text, one entry a line (sorted when ``sort``), ending with a newline."""
    lines = [line(e) for e in entries]
    return "\n".join(sorted(lines) if sort else lines) + "\n"


def check_golden(path: Path, text: str) -> None:
    """``text`` must equal the golden file ``path`` (rewritten when updating)."""
    if updating():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} is missing: run with {UPDATE_VARIABLE}=1"
    assert text == path.read_text(encoding="utf-8"), f"{path} differs (update with {UPDATE_VARIABLE}=1)"


def check_golden_tree(directory: Path, actual: Mapping[str, str], *, suffix: str = "") -> None:
    """``actual`` (relative name → text) must be exactly the golden files in ``directory`` (each
    stored as ``<name><suffix>``): no file missing, none extra, each byte for byte. When updating,
    ``directory`` is replaced by ``actual``."""
    if updating():
        shutil.rmtree(directory, ignore_errors=True)
        for name, text in actual.items():
            path = directory / f"{name}{suffix}"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    stored = {
        path.relative_to(directory).as_posix()[
            : len(path.relative_to(directory).as_posix()) - len(suffix)
        ]: path
        for path in sorted(directory.rglob(f"*{suffix}"))
        if path.is_file()
    }
    assert sorted(actual) == sorted(stored), f"golden files in {directory} differ in names"
    for name, path in stored.items():
        assert actual[name] == path.read_text(encoding="utf-8"), f"{path} differs"


def written_files(env: HsyncEnv, before: Mapping[str, bytes | str], placeholder: str = "<TMP>") -> str:
    """Every file and link that changed since ``before`` (an ``env.snapshot()``), outside
    ``$HSYNC_HOME``, as ``=== path`` sections with the temporary directory as ``placeholder``."""
    after = env.snapshot()
    sections = []
    for path in sorted(p for p in after if after[p] != before.get(p)):
        if path.startswith(str(env.hsync_home)):
            continue
        name = path.replace(str(env.root), placeholder)
        data = after[path]
        if isinstance(data, str):
            sections.append(f"=== {name} {data.replace(str(env.root), placeholder)}\n")
        else:
            sections.append(f"=== {name}\n{data.decode('utf-8').replace(str(env.root), placeholder)}")
    return "\n".join(sections)


def changes_tree(target: TargetResult, root: Path, placeholder: str = "<ROOT>") -> dict[str, str]:
    """A target's run as golden files (for :func:`check_golden_tree`): ``tree/<path>`` for every
    file it wrote, ``plan.txt`` (every change), ``links.txt`` (every link it made) and
    ``report.txt``, with ``root`` (the temporary folder) written as ``placeholder``."""

    def norm(text: str) -> str:
        return text.replace(str(root), placeholder)

    files, links, plan = {}, [], []
    for change in target.changes:
        rel = change.path.relative_to(root).as_posix()
        plan.append(f"{change.action} {change.kind} {change.item} -> {rel}")
        if change.path.is_symlink():
            links.append(f"{rel} -> {norm(os.readlink(change.path))}")
        elif change.path.is_file():
            files[f"tree/{rel}"] = norm(change.path.read_text(encoding="utf-8"))
    report = [
        f"{r.action} {r.kind} {r.name} [{r.scope}] {r.field or '-'}: {norm(r.reason)}" for r in target.report
    ]
    files["plan.txt"] = "\n".join(sorted(set(plan))) + "\n"
    files["links.txt"] = "\n".join(sorted(links)) + "\n"
    files["report.txt"] = "\n".join(report) + "\n"
    return files


def check_run_golden(
    env: HsyncEnv, before: Mapping[str, bytes | str], target: TargetResult, golden: Path, name: str = "team"
) -> None:
    """A clean run of ``target`` (no error, conflict or failure) whose written files (since
    ``before``, an ``env.snapshot()``) and report equal ``<golden>/<name>-files.txt`` and
    ``<name>-report.txt``, with the temporary folder written as ``<TMP>``."""
    assert target.error is None, target.error
    assert target.counts["conflicts"] == 0 and target.counts["failed"] == 0, target.counts
    check_golden(golden / f"{name}-files.txt", written_files(env, before))
    check_golden(golden / f"{name}-report.txt", without_tmp(report_lines(target.report), env, "<TMP>"))
