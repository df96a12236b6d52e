"""state.json: versioned, migrated, atomic; corrupt kept aside; newer refused."""

import json

import pytest

from hsync_core.errors import StateError
from hsync_core.store.migrations import MIGRATIONS, migrate
from hsync_core.store.state import SCHEMA_VERSION, OwnedOutput, State, StateStore


def test_every_old_version_has_a_migration():
    assert sorted(MIGRATIONS) == list(range(1, SCHEMA_VERSION))


def test_v1_document_migrates_to_current(tmp_path):
    v1 = {
        "schema_version": 1,
        "projects": {
            "/p": {
                "codex": {
                    "last_sync": "2026-01-01T00:00:00Z",
                    "result": "success",
                    "files": {"/p/AGENTS.md": "ab" * 32},
                }
            }
        },
    }
    (tmp_path / "state.json").write_text(json.dumps(v1))
    state = StateStore(tmp_path).load()
    target = state.peek("/p", "codex")
    assert target.last_sync == "2026-01-01T00:00:00Z" and target.result == "success"
    assert target.outputs["/p/AGENTS.md"].hash == "ab" * 32
    assert migrate(v1, SCHEMA_VERSION)["schema_version"] == SCHEMA_VERSION


def test_round_trip(tmp_path):
    store = StateStore(tmp_path)
    state = State()
    state.target("user", "codex").outputs["x"] = OwnedOutput(
        hash="h", style="file", kind="rules", item="i", path="/x", stat=[1, 2]
    )
    store.save(state)
    assert store.load() == state
    assert json.loads((tmp_path / "state.json").read_text())["schema_version"] == SCHEMA_VERSION


def test_newer_version_is_refused_untouched(tmp_path):
    path = tmp_path / "state.json"
    path.write_text('{"schema_version": 3}')
    with pytest.raises(StateError, match="newer hsync"):
        StateStore(tmp_path).load()
    assert path.read_text() == '{"schema_version": 3}'


@pytest.mark.parametrize(
    "text", ["{oops", "[]", '{"schema_version": "x"}', '{"schema_version": 2, "scopes": 5}']
)
def test_corrupt_state_is_kept_aside(tmp_path, text):
    (tmp_path / "state.json").write_text(text)
    store = StateStore(tmp_path)
    assert store.load() == State()
    kept = list(tmp_path.glob("state.json.corrupt-*"))
    assert len(kept) == 1 and kept[0].read_text() == text
    assert store.warnings and "kept as" in store.warnings[0]
