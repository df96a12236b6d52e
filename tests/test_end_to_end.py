"""The bundled example synced through the CLI with every adapter installed, as a user would."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ADAPTERS = {"codex", "copilot", "gemini", "kilo", "opencode", "qwen"}


def load_prepare():
    spec = importlib.util.spec_from_file_location("example_prepare", ROOT / "examples" / "prepare.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.prepare


@pytest.fixture
def example(hsync_env):
    _, project = load_prepare()(hsync_env.root, home=hsync_env.home)
    return project


USER_FILES = (".codex/config.toml", ".gemini/settings.json", ".config/opencode/opencode.json")


def test_every_adapter_is_installed(hsync_env):
    done = hsync_env.run("targets", "--json")
    assert done.returncode == 0, done.stderr
    assert {t["name"] for t in json.loads(done.stdout)["targets"]} == ADAPTERS


def test_example_syncs_with_every_adapter_and_stays_in_sync(hsync_env, example):
    originals = {rel: (hsync_env.home / rel).read_bytes() for rel in USER_FILES}
    first = hsync_env.run("sync", "--json", project=example)
    assert first.returncode == 0, first.stdout + first.stderr
    document = json.loads(first.stdout)
    assert set(document["targets"]) == ADAPTERS
    for name, target in document["targets"].items():
        assert target["error"] is None, (name, target["error"])
        assert target["counts"]["created"] > 0 and target["counts"]["failed"] == 0, (name, target["counts"])
        assert target["counts"]["conflicts"] == 0
    # Codex and OpenCode share the project's AGENTS.md: one block, written once
    agents_md = (example / "AGENTS.md").read_text()
    assert agents_md.count("<!-- hsync:begin -->") == 1
    assert "Stages must be idempotent" in (example / "src/pipeline/AGENTS.md").read_text()
    # the user's own files keep their comments and servers
    assert "# a server I added by hand" in (hsync_env.home / ".codex/config.toml").read_text()
    assert "// my Gemini settings" in (hsync_env.home / ".gemini/settings.json").read_text()
    assert '"theme": "tokyonight"' in (hsync_env.home / ".config/opencode/opencode.json").read_text()
    # no secret was resolved into any file
    everything = "\n".join(
        v.decode("utf-8", "replace") for v in hsync_env.snapshot().values() if isinstance(v, bytes)
    )
    assert "postgresql://localhost/warehouse" not in everything.replace(
        "${WAREHOUSE_URL:-postgresql://localhost/warehouse}", ""
    )

    second = json.loads(hsync_env.run("sync", "--json", project=example).stdout)
    for target in second["targets"].values():  # "partial" stays: adapters still skip what they cannot write
        counts = target["counts"]
        assert counts["created"] + counts["updated"] + counts["removed"] == 0, counts
    check = hsync_env.run("check", project=example)
    assert check.returncode == 0, check.stdout + check.stderr

    # removing every source and syncing again removes every owned output and entry
    shutil.rmtree(hsync_env.home / ".claude")
    (hsync_env.home / ".claude.json").unlink()
    for rel in (".claude", "CLAUDE.md", "CLAUDE.local.md", ".mcp.json"):
        path = example / rel
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    cleaned = hsync_env.run("sync", "--json", project=example)
    assert cleaned.returncode == 0, cleaned.stdout + cleaned.stderr
    for rel, data in originals.items():
        assert (hsync_env.home / rel).read_bytes() == data, rel
    assert not (example / "AGENTS.md").exists() and not (example / "GEMINI.md").exists()


def test_dry_run_shows_every_adapter_and_writes_nothing(hsync_env, example):
    before = hsync_env.snapshot()
    dry = hsync_env.run("sync", "--dry-run", project=example)
    assert dry.returncode == 0, dry.stderr
    for marker in ("+++ ~/.codex/AGENTS.md", "+ mcp_servers.github", "+ mcpServers.github", "+ mcp.github"):
        assert marker in dry.stdout, marker
    assert hsync_env.snapshot() == before


def test_a_hand_edit_in_one_harness_is_drift_and_the_others_continue(hsync_env, example):
    assert hsync_env.run("sync", project=example).returncode == 0
    gemini_md = example / "GEMINI.md"
    gemini_md.write_text(gemini_md.read_text().replace("Ingest pipeline", "Ingest pipeline (edited)"))
    (example / "CLAUDE.md").write_text((example / "CLAUDE.md").read_text() + "\nNew rule.\n")
    done = hsync_env.run("sync", "--json", project=example)
    assert done.returncode == 1
    targets = json.loads(done.stdout)["targets"]
    assert targets["gemini"]["counts"]["conflicts"] == 1
    assert targets["codex"]["counts"]["updated"] >= 1 and "New rule." in (example / "AGENTS.md").read_text()
    assert "(edited)" in gemini_md.read_text()
    status = json.loads(hsync_env.run("status", "--json", project=example).stdout)
    assert any("GEMINI.md" in d for d in status["targets"]["gemini"]["project"]["drifted"])
