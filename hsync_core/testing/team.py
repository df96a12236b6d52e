"""One adapter's target run on a realistic fixture setup: what every adapter's tests need.

- :func:`copy_setup` copies a fixture folder (``home/`` and ``project/``) into the temporary
  home, putting the temporary paths where the fixture says ``__HOME__`` and ``__PROJECT__``.
- :func:`commit` makes the project's files tracked by git (what the team committed).
- :class:`TargetRunner` runs one target (plus any extra adapters) in-process, exactly as
  ``hsync sync`` would: a real run, a dry run's plan, the rendered outputs and report.
- :func:`assert_second_sync_writes_nothing`: a repeated sync of a setup changes no byte.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType
from typing import Any

from ..config import Config
from ..engine import Engine
from ..kinds import DEFAULT_KINDS
from ..models import Output, Rendered, ReportEntry, Sources
from ..planning.results import RunResult, TargetResult
from ..plugins import make_plugin_manager
from .env import HsyncEnv

#: written in fixture files where the temporary home and the project go
HOME_PLACEHOLDER = "__HOME__"
PROJECT_PLACEHOLDER = "__PROJECT__"


def copy_setup(fixture: Path, env: HsyncEnv, project: Path, *, symlinks: bool = True) -> Path:
    """Copy ``fixture/home`` into ``env.home`` and ``fixture/project`` into ``project`` (either
    may be absent); in every file copied, ``__HOME__`` and ``__PROJECT__`` become the temporary
    home and ``project``. Links are copied as links (``symlinks=False``: what they point to).
    Returns ``project``."""
    import shutil

    replacements = {
        HOME_PLACEHOLDER.encode(): os.fsencode(env.home),
        PROJECT_PLACEHOLDER.encode(): os.fsencode(project),
    }
    for part, destination in (("home", env.home), ("project", project)):
        source = fixture / part
        if not source.is_dir():
            continue
        shutil.copytree(source, destination, dirs_exist_ok=True, symlinks=symlinks)
        for dirpath, _dirnames, filenames in os.walk(source):
            for name in filenames:
                copied = destination / Path(dirpath, name).relative_to(source)
                if copied.is_symlink() or not copied.is_file():
                    continue
                data = copied.read_bytes()
                changed = data
                for placeholder, value in replacements.items():
                    changed = changed.replace(placeholder, value)
                if changed != data:
                    copied.write_bytes(changed)
    return project


def commit(env: HsyncEnv, project: Path, paths: Iterable[str] = ("-A",), message: str = "team setup") -> None:
    """``git add PATHS`` and commit in ``project`` (made a repository first when it is not one):
    hsync writes personal items only into files git does not track."""
    git = ["git", "-C", str(project)]
    if not (project / ".git").exists():
        subprocess.run([*git, "init", "-q"], check=True, env=env.environ)
    subprocess.run([*git, "add", *paths], check=True, env=env.environ)
    subprocess.run([*git, "commit", "-q", "-m", message], check=True, env=env.environ)


class TargetRunner:
    """Runs ``target`` (adapter module ``plugin``, plus the adapters in ``extra``) in the
    temporary home of ``env``, with entry points off, as ``hsync sync`` would run it."""

    def __init__(
        self,
        env: HsyncEnv,
        target: str,
        plugin: ModuleType,
        *,
        fixture: Path | None = None,
        kinds: Iterable[str] = DEFAULT_KINDS,
    ):
        self.env = env
        self.target = target
        self.plugin = plugin
        self.fixture = fixture
        self.kinds = tuple(kinds)
        self.extra: list[Any] = []  # more adapter modules (each with a NAME) to run alongside

    @property
    def home(self) -> Path:
        return self.env.home

    def write(self, path: str | Path, text: str) -> Path:
        return self.env.write(path, text)

    def team(self, name: str = "project") -> Path:
        """Copy the fixture into the home and a new git project named ``name``; return it."""
        if self.fixture is None:
            raise ValueError("this runner has no fixture")
        return copy_setup(self.fixture, self.env, self.env.project(name))

    def configure(self, *targets: str, kinds: Iterable[str] | None = None) -> Path:
        """Write ``$HSYNC_HOME/config.toml`` for the CLI: ``targets`` (default: this target) and,
        when given, ``kinds``. Returns the file."""
        listed = ", ".join(f'"{t}"' for t in targets or (self.target,))
        text = f"targets = [{listed}]\n"
        if kinds is not None:
            text += "kinds = [" + ", ".join(f'"{k}"' for k in kinds) + "]\n"
        return self.env.write(self.env.hsync_home / "config.toml", text)

    def commit(self, project: Path, paths: Iterable[str] = ("-A",)) -> None:
        commit(self.env, project, paths, message="init")

    def engine(self, project: Path | None, *, kinds: Iterable[str] | None = None, **options: Any) -> Engine:
        targets = [self.target, *(plugin.NAME for plugin in self.extra)]
        plugins = make_plugin_manager(load_entrypoints=False, plugins=[self.plugin, *self.extra], environ={})
        config = Config(targets=targets, kinds=list(self.kinds if kinds is None else kinds))
        return Engine(plugins, self.env.context(project, config=config, **options), targets=targets)

    def run(self, project: Path | None, **kw: Any) -> RunResult:
        """A real sync (it writes)."""
        return self.engine(project, **kw).run()

    def plan(self, project: Path | None, **kw: Any) -> TargetResult:
        """The target's plan, from a dry run (nothing is written)."""
        return self.engine(project, dry_run=True, **kw).run().targets[self.target]

    def outputs(self, project: Path | None, **kw: Any) -> dict[str, Output]:
        """What the adapter renders, by output id."""
        return {c.id: c.output for c in self.plan(project, **kw).changes if c.output is not None}

    def report(self, project: Path | None, **kw: Any) -> list[ReportEntry]:
        return list(self.plan(project, **kw).report)

    def render(self, project: Path | None, *, kinds: Iterable[str] | None = None) -> Rendered:
        """The adapter's own ``render_target`` on every item read of ``kinds``: no config
        exclusions, nothing taken out as read natively (``Engine.render`` applies those)."""
        wanted = set(self.kinds if kinds is None else kinds)
        engine = self.engine(project, kinds=wanted)
        sources = engine.read()
        sources = Sources(items=[i for i in sources.items if i.kind in wanted], problems=sources.problems)
        return self.plugin.render_target(target=self.target, sources=sources, ctx=engine.ctx)


def assert_second_sync_writes_nothing(env: HsyncEnv, sync: Callable[[], RunResult], target: str) -> None:
    """Sync, then sync again: the second run plans only ``unchanged`` for ``target`` and changes
    no byte outside ``$HSYNC_HOME``."""
    sync()
    before = env.snapshot()
    again = sync().targets[target]
    assert {c.action for c in again.changes} == {"unchanged"}, [
        (c.action, str(c.path)) for c in again.changes
    ]
    after = env.snapshot()
    changed = [p for p in set(before) | set(after) if before.get(p) != after.get(p)]
    assert [p for p in changed if not p.startswith(str(env.hsync_home))] == []


def team_fixtures(
    target: str,
    plugin: ModuleType,
    fixture: Path,
    *,
    committed: Iterable[str] = ("-A",),
    project: str = "acme",
    kinds: Iterable[str] | None = None,
) -> tuple[Any, Any, Any, Any]:
    """The four fixtures an adapter's ``conftest.py`` needs, for
    ``runner, sync, rendered, team = team_fixtures("my-tool", hsync_my_tool, FIXTURE, ...)``:

    - ``runner``: a :class:`TargetRunner` for ``target`` (every kind unless ``kinds``);
    - ``sync(project, kinds=..., **context options)``: one real run of the target;
    - ``rendered(project, kinds=...)``: what the adapter renders, writing nothing;
    - ``team``: ``fixture`` copied in (links as what they point to), the project folder named
      ``project`` with the files ``committed`` tracked by git; returns the project."""
    import pytest

    from ..kinds import KINDS

    @pytest.fixture(name="runner")
    def runner(hsync_env: HsyncEnv) -> TargetRunner:
        return TargetRunner(
            hsync_env, target, plugin, fixture=fixture, kinds=KINDS if kinds is None else kinds
        )

    @pytest.fixture(name="sync")
    def sync(runner: TargetRunner) -> Callable[..., RunResult]:
        return runner.run

    @pytest.fixture(name="rendered")
    def rendered(runner: TargetRunner) -> Callable[..., Rendered]:
        return runner.render

    @pytest.fixture(name="team")
    def team(hsync_env: HsyncEnv) -> Path:
        copied = copy_setup(fixture, hsync_env, hsync_env.root / project, symlinks=False)
        commit(hsync_env, copied, committed)
        return copied

    return runner, sync, rendered, team


class TeamGolden:
    """Golden tests of an adapter's own fixture setup, to subclass (``class TestTeamGolden(TeamGolden)``)
    with ``target`` and ``golden`` (the folder of ``team-files.txt`` and ``team-report.txt``);
    uses the ``team`` and ``sync`` fixtures of :func:`team_fixtures`."""

    target: str = ""
    golden: Path = Path()

    def test_team_setup_golden(self, hsync_env: HsyncEnv, team: Path, sync: Callable[..., RunResult]) -> None:
        from .golden import check_run_golden

        before = hsync_env.snapshot()
        check_run_golden(hsync_env, before, sync(team).targets[self.target], self.golden)

    def test_second_sync_of_the_team_setup_writes_nothing(
        self, hsync_env: HsyncEnv, team: Path, sync: Callable[..., RunResult]
    ) -> None:
        assert_second_sync_writes_nothing(hsync_env, lambda: sync(team), self.target)
