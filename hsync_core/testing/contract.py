"""``AdapterContract``: the tests every adapter's suite inherits (entry point loads, rendering is
pure and deterministic, a second sync writes nothing, a hand edit is drift, the user's own bytes
survive, nothing is written outside the temporary home, the CLI syncs end to end).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from ..config import Config
from ..models import Rendered
from .env import HsyncEnv
from .samples import write_sample_setup


class AdapterContract:
    """What every adapter must honour. Subclass it in the adapter's tests::

        class TestCodexContract(AdapterContract):
            target = "codex"
            distribution = "hsync-codex"
            plugin = hsync_codex                  # the module the entry point names
            # a file the user already has, with comments and keys of their own (path -> text)
            def user_files(self, env, project): return {env.home / ".codex/config.toml": "# mine\\n..."}

    The tests build a sample setup (:func:`write_sample_setup`; override ``setup_sources`` to
    change it) in a temporary home and check: the entry point loads; rendering is deterministic
    and writes nothing; a sync then a second sync writes nothing; a hand edit of an owned output
    is reported as drift and kept (and ``--force`` overwrites it, keeping a backup); the user's
    own files survive byte for byte a sync followed by removing every source and syncing again;
    nothing is written outside the temporary directory; and the CLI syncs end to end.
    """

    target: str = ""
    distribution: str = ""
    plugin: Any = None

    # -- hooks for subclasses -----------------------------------------------------------------
    def setup_sources(self, env: HsyncEnv, project: Path) -> None:
        write_sample_setup(env, project)

    def user_files(self, env: HsyncEnv, project: Path) -> dict[Path, str]:
        return {}

    def config(self) -> Config:
        return Config(targets=[self.target])

    # -- helpers ------------------------------------------------------------------------------
    def _plugins(self) -> Any:
        from ..plugins import make_plugin_manager

        return make_plugin_manager(load_entrypoints=False, plugins=[self.plugin], environ={})

    def _engine(self, env: HsyncEnv, project: Path, **options: Any) -> Any:
        from ..engine import Engine

        return Engine(
            self._plugins(), env.context(project, config=self.config(), **options), targets=[self.target]
        )

    def _render(self, env: HsyncEnv, project: Path) -> Rendered:
        return self._engine(env, project).render(self.target)

    @pytest.fixture
    def contract_project(self, hsync_env: HsyncEnv) -> Path:
        project = hsync_env.project()
        self.setup_sources(hsync_env, project)
        for path, text in self.user_files(hsync_env, project).items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return project

    # -- the contract ---------------------------------------------------------------------------
    def test_entry_point_loads(self) -> None:
        from ..plugins import make_plugin_manager

        plugins = make_plugin_manager(environ={"HSYNC_LOAD_PLUGINS": self.target})
        assert self.target in plugins.targets, [p.error for p in plugins.problems]
        assert plugins.targets[self.target].package == self.distribution

    def test_render_is_deterministic_and_pure(self, hsync_env: HsyncEnv, contract_project: Path) -> None:
        before = hsync_env.snapshot()
        first = self._render(hsync_env, contract_project)
        second = self._render(hsync_env, contract_project)
        assert first == second
        assert first.outputs, "the sample setup renders something"
        assert hsync_env.snapshot() == before, "render_target must not write"

    def test_outputs_stay_inside_the_temporary_home(
        self, hsync_env: HsyncEnv, contract_project: Path
    ) -> None:
        for output in self._render(hsync_env, contract_project).outputs:
            assert hsync_env.root in output.path.parents, output.path
            assert output.root == output.path or output.root in output.path.parents

    def test_second_sync_writes_nothing(self, hsync_env: HsyncEnv, contract_project: Path) -> None:
        first = self._engine(hsync_env, contract_project).run()
        assert first.targets[self.target].error is None
        assert first.targets[self.target].counts["created"] > 0
        before = hsync_env.snapshot()
        mtimes = {p: os.lstat(p).st_mtime_ns for p in before}
        second = self._engine(hsync_env, contract_project).run()
        result = second.targets[self.target]
        assert {c.action for c in result.changes} <= {"unchanged"}, [
            (c.action, c.id, c.reason) for c in result.changes if c.action != "unchanged"
        ]
        after = hsync_env.snapshot()
        changed = [p for p in after if p not in before or after[p] != before[p]]
        changed = [p for p in changed if not p.startswith(str(hsync_env.hsync_home))]
        assert changed == []
        assert all(
            os.lstat(p).st_mtime_ns == m
            for p, m in mtimes.items()
            if not p.startswith(str(hsync_env.hsync_home))
        )

    def _editable_output(self, env: HsyncEnv, project: Path) -> Path:
        from ..models import FileOutput, MarkdownBlock

        for output in self._render(env, project).outputs:
            if isinstance(output, (FileOutput, MarkdownBlock)):
                return output.path
        pytest.skip("the adapter renders no file to edit by hand")
        raise AssertionError

    def test_hand_edit_is_drift(self, hsync_env: HsyncEnv, contract_project: Path) -> None:
        self._engine(hsync_env, contract_project).run()
        path = self._editable_output(hsync_env, contract_project)
        edited = path.read_text(encoding="utf-8").replace("\n", "\nA line added by hand.\n", 1)
        path.write_text(edited, encoding="utf-8")
        self.touch_source(hsync_env, contract_project)
        result = self._engine(hsync_env, contract_project).run()
        conflicts = [c for c in result.targets[self.target].changes if c.action == "conflict" and c.drift]
        assert any(c.path == path for c in conflicts), [
            (c.action, str(c.path)) for c in result.targets[self.target].changes
        ]
        assert path.read_text(encoding="utf-8") == edited
        assert result.exit_code == 1
        forced = self._engine(hsync_env, contract_project, force=True).run()
        assert path.read_text(encoding="utf-8") != edited
        assert forced.targets[self.target].counts["conflicts"] == 0
        backups = list((hsync_env.hsync_home / "backups").rglob(path.name))
        assert any(b.read_text(encoding="utf-8") == edited for b in backups)

    def touch_source(self, env: HsyncEnv, project: Path) -> None:
        """Change every instruction source so that every rendered instruction file must update."""
        for path in (env.home / ".claude/CLAUDE.md", project / "CLAUDE.md"):
            if path.exists():
                path.write_text(path.read_text(encoding="utf-8") + "\nOne more rule.\n", encoding="utf-8")

    def test_user_files_survive_byte_for_byte(self, hsync_env: HsyncEnv, contract_project: Path) -> None:
        originals = {p: p.read_bytes() for p in self.user_files(hsync_env, contract_project)}
        if not originals:
            pytest.skip("the adapter shares no file with the user")
        self._engine(hsync_env, contract_project).run()
        for path, data in originals.items():
            assert path.read_bytes() != data, f"{path} should have received entries"
        # remove every source: the next sync removes every owned entry and must restore the files
        shutil.rmtree(hsync_env.home / ".claude")
        (hsync_env.home / ".claude.json").unlink()
        for rel in (".claude", "CLAUDE.md", ".mcp.json"):
            target = contract_project / rel
            shutil.rmtree(target) if target.is_dir() else target.unlink(missing_ok=True)
        result = self._engine(hsync_env, contract_project).run()
        assert result.targets[self.target].counts["conflicts"] == 0
        for path, data in originals.items():
            assert path.read_bytes() == data, f"{path} changed outside hsync's entries"

    def test_cli_sync_end_to_end(self, hsync_env: HsyncEnv, contract_project: Path) -> None:
        hsync_env.write(hsync_env.hsync_home / "config.toml", f'targets = ["{self.target}"]\n')
        dry = hsync_env.run("sync", "--dry-run", project=contract_project)
        assert dry.returncode == 0, dry.stderr
        assert not (hsync_env.hsync_home / "state.json").exists()
        done = hsync_env.run("sync", "--json", project=contract_project)
        assert done.returncode == 0, done.stderr + done.stdout
        document = json.loads(done.stdout)
        assert document["targets"][self.target]["status"] in ("success", "partial")
        check = hsync_env.run("check", project=contract_project)
        assert check.returncode == 0, check.stdout + check.stderr

    def test_case_only_twins_are_one_name(self, hsync_env: HsyncEnv, contract_project: Path) -> None:
        """The core's naming policy (``Names``): of two agents whose names differ only in case
        (one file on macOS and Windows), the first keeps the name and the second is skipped with
        one line naming both sources. An adapter that writes no agents is not asked."""

        def agent(name: str) -> str:
            return f"---\nname: {name}\ndescription: Reviews {name} changes\n---\n\nReview the diff.\n"

        hsync_env.write(contract_project / ".claude/agents/Reviewer.md", agent("Reviewer"))
        hsync_env.write(contract_project / ".claude/agents/team/reviewer.md", agent("reviewer"))
        rendered = self._render(hsync_env, contract_project)
        written = {o.item for o in rendered.outputs if o.kind == "agents" and o.level == "project"}
        if not written & {"Reviewer", "reviewer"}:
            pytest.skip(f"{self.target} writes no agents")
        assert len(written & {"Reviewer", "reviewer"}) == 1, written
        [entry] = [r for r in rendered.report if r.kind == "agents" and "already takes the name" in r.reason]
        assert entry.action == "skipped" and entry.kind == "agents"
        assert entry.reason.endswith("is not written")
        assert ".claude/agents/Reviewer.md" in entry.reason
        assert ".claude/agents/team/reviewer.md" in entry.reason
