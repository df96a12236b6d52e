"""hsync's Claude Code plugin (package data) and ``hsync integrate claude``, checked with the real
Claude Code CLI installed from the npm registry, offline, in a throwaway home."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import hsync_core
from hsync_core.integrations.claude.entries import marketplace_dir, plugin_dir
from hsync_core.testing import CLIENT_PATIENCE, npm_cli, write_sample_setup

CLAUDE = ("@anthropic-ai/claude-code", "2.1.330", "claude")
COMMANDS = ["hsync:check", "hsync:diff", "hsync:status", "hsync:sync"]
VENV_BIN = str(Path(sys.executable).parent)  # where the `hsync` console script is
# a settings.json of someone's own: other keys and plugins, and formatting of their own
OWN_SETTINGS = (
    '{\n    "model": "opus",   "enabledPlugins": {"acme-tools@acme": true},\n'
    '    "permissions": {"allow": ["Read", "Bash(git status:*)"]}\n}\n'
)


@pytest.fixture(scope="session")
def claude_bin() -> Path:
    return npm_cli(*CLAUDE)


def claude(
    claude_bin: Path, home: Path, *args: str, cwd: Path | None = None, config_dir: Path | None = None
) -> subprocess.CompletedProcess:
    """Run a known ``claude`` subcommand offline (an unknown word would be sent to the model);
    ``config_dir``: with ``CLAUDE_CONFIG_DIR`` set to it."""
    assert args[0] == "plugin" and args[1] in ("validate", "list", "details"), args
    environ = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "DISABLE_AUTOUPDATER": "1",
        "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC": "1",
        "DISABLE_TELEMETRY": "1",
        "NO_COLOR": "1",
        "CI": "1",
        "TERM": "dumb",
    }
    if config_dir is not None:
        environ["CLAUDE_CONFIG_DIR"] = str(config_dir)
    return subprocess.run(
        [str(claude_bin), *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=environ,
        cwd=cwd or home,
        timeout=CLIENT_PATIENCE,
        check=False,
    )


def listed(
    claude_bin: Path, home: Path, cwd: Path | None = None, config_dir: Path | None = None
) -> dict[str, dict]:
    done = claude(claude_bin, home, "plugin", "list", "--json", cwd=cwd, config_dir=config_dir)
    assert done.returncode == 0, done.stderr
    return {p["id"]: p for p in json.loads(done.stdout)}


def integrate(
    env,
    *args: str,
    project: Path | None = None,
    path: str | None = None,
    cwd: Path | None = None,
    config_dir: Path | None = None,
):
    extra = {"CLAUDE_CONFIG_DIR": str(config_dir)} if config_dir is not None else {}
    return env.run(
        "integrate",
        "claude",
        *args,
        project=project,
        cwd=cwd,
        env={"PATH": path or f"{VENV_BIN}{os.pathsep}/usr/bin:/bin", **extra},
    )


def claude_files(env, *projects: Path) -> dict:
    """Everything an install may touch: ~/.claude and the projects' .claude (not hsync's record)."""
    return env.snapshot(
        *(p for p in (env.home / ".claude", *(p / ".claude" for p in projects)) if p.exists())
    )


# ------------------------------------------------------------------------------ the plugin


def test_plugin_version_is_hsyncs():
    manifest = json.loads((plugin_dir() / ".claude-plugin/plugin.json").read_text())
    assert manifest["version"] == hsync_core.__version__
    assert manifest["name"] == "hsync" and manifest["license"] and manifest["author"]["name"]
    market = json.loads((marketplace_dir() / ".claude-plugin/marketplace.json").read_text())
    assert market["name"] == "hsync"
    assert [(p["name"], p["source"]) for p in market["plugins"]] == [("hsync", "./hsync")]


def test_hooks_and_commands_run_hsync_from_path():
    hooks = json.loads((plugin_dir() / "hooks/hooks.json").read_text())["hooks"]
    assert [(h["matcher"], [c["command"] for c in h["hooks"]]) for h in hooks["PostToolUse"]] == [
        ("Edit|Write|MultiEdit", ["hsync hook post-tool-use"])
    ]
    assert [c["command"] for h in hooks["SessionStart"] for c in h["hooks"]] == ["hsync hook session-start"]
    for name in ("sync", "status", "diff", "check"):
        text = (plugin_dir() / "commands" / f"{name}.md").read_text()
        assert "allowed-tools: Bash(hsync:*)" in text
        assert f"hsync {name} $ARGUMENTS" in text


@pytest.mark.realcli
@pytest.mark.parametrize("what", ["plugin", "marketplace"])
def test_claude_validates_plugin_and_marketplace_strictly(claude_bin, tmp_path, what):
    directory = plugin_dir() if what == "plugin" else marketplace_dir()
    done = claude(claude_bin, tmp_path, "plugin", "validate", "--strict", "--json", str(directory))
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(done.stdout)
    assert report["success"] is True and report["strict"] is True
    assert report["manifest"]["type"] == what
    assert report["manifest"]["errors"] == [] and report["manifest"]["warnings"] == []
    if what == "plugin":
        assert sorted(report["provides"]["commands"]) == COMMANDS
        assert [(h["event"], h.get("matcher"), h["command"]) for h in report["provides"]["hooks"]] == [
            ("PostToolUse", "Edit|Write|MultiEdit", "hsync hook post-tool-use"),
            ("SessionStart", None, "hsync hook session-start"),
        ]


# ------------------------------------------------------------------------------ integrate


@pytest.mark.realcli
def test_user_scope_install_list_details_and_uninstall_byte_for_byte(claude_bin, env):
    settings = env.write(".claude/settings.json", OWN_SETTINGS)
    original = settings.read_bytes()
    done = integrate(env)
    assert done.returncode == 0, done.stderr
    assert "installed the Claude Code plugin hsync@hsync (user scope)" in done.stdout
    assert done.stderr == ""
    text = settings.read_text()
    assert text.startswith(
        '{\n    "model": "opus",   "enabledPlugins": {"acme-tools@acme": true, "hsync@hsync": true},'
    )
    plugins = listed(claude_bin, env.home)
    entry = plugins["hsync@hsync"]
    assert entry["enabled"] is True and entry["scope"] == "user"
    assert entry.get("errors", []) == [] and "errorDetails" not in entry
    assert entry["readFromFolder"] == str(plugin_dir()) and entry["version"] == hsync_core.__version__
    details = claude(claude_bin, env.home, "plugin", "details", "hsync@hsync")
    assert details.returncode == 0, details.stderr
    assert "Skills (4)  check, diff, status, sync" in details.stdout  # Claude lists commands as skills
    assert "Hooks (2)  PostToolUse, SessionStart" in details.stdout
    # the second run changes nothing, and says so
    before = claude_files(env)
    again = integrate(env)
    assert again.returncode == 0 and "already installed" in again.stdout
    assert claude_files(env) == before
    # uninstall: settings.json byte for byte, and the files hsync created are gone
    removed = integrate(env, "--uninstall")
    assert removed.returncode == 0, removed.stderr
    assert "removed the Claude Code plugin hsync@hsync (user scope)" in removed.stdout
    assert settings.read_bytes() == original
    assert not (env.home / ".claude/plugins").exists()
    assert "hsync@hsync" not in listed(claude_bin, env.home)
    nothing = integrate(env, "--uninstall")
    assert nothing.returncode == 0 and "nothing to remove" in nothing.stdout


@pytest.mark.realcli
def test_project_scope_and_user_scope_side_by_side(claude_bin, env):
    project = env.project()
    user_settings = env.write(".claude/settings.json", OWN_SETTINGS)
    project_settings = env.write(project / ".claude/settings.json", '{"env": {"A": "1"}}\n')
    originals = {p: p.read_bytes() for p in (user_settings, project_settings)}
    # Claude Code's own registry already holds another plugin: it must survive
    registry = env.write(
        ".claude/plugins/installed_plugins.json",
        json.dumps(
            {"version": 2, "plugins": {"acme-tools@acme": [{"scope": "user", "installPath": "/x"}]}}, indent=2
        ),
    )
    originals[registry] = registry.read_bytes()
    assert integrate(env, "--scope", "project", project=project).returncode == 0
    assert json.loads(project_settings.read_text()) == {
        "env": {"A": "1"},
        "enabledPlugins": {"hsync@hsync": True},
    }
    in_project = listed(claude_bin, env.home, cwd=project)["hsync@hsync"]
    assert in_project["scope"] == "project" and in_project["projectPath"] == str(project)
    assert in_project["enabled"] is True and in_project.get("errors", []) == []
    assert listed(claude_bin, env.home)["hsync@hsync"]["enabled"] is False  # outside the project
    assert integrate(env, project=project).returncode == 0  # and user scope too
    # removing the user scope keeps what the project scope still needs (the marketplace)
    assert integrate(env, "--uninstall", project=project).returncode == 0
    in_project = listed(claude_bin, env.home, cwd=project)["hsync@hsync"]
    assert in_project["enabled"] is True and in_project.get("errors", []) == []
    assert "extraKnownMarketplaces" in user_settings.read_text()
    assert integrate(env, "--scope", "project", "--uninstall", project=project).returncode == 0
    assert {p: p.read_bytes() for p in originals} == originals
    assert not (env.home / ".claude/plugins/known_marketplaces.json").exists()
    assert "hsync@hsync" not in listed(claude_bin, env.home, cwd=project)


@pytest.mark.realcli
def test_claude_config_dir_is_where_the_plugin_goes(claude_bin, env):
    """With ``CLAUDE_CONFIG_DIR`` set, Claude Code reads its settings and plugin registry there
    (``claude plugin list`` then ignores ``~/.claude``): integrate writes there, and only there."""
    moved = env.root / "dotfiles" / "claude"
    settings = env.write(moved / "settings.json", OWN_SETTINGS)
    home_settings = env.write(".claude/settings.json", '{"model": "haiku"}\n')
    project = env.project()
    done = integrate(env, config_dir=moved)
    assert done.returncode == 0, done.stderr
    assert f"(user scope, CLAUDE_CONFIG_DIR={moved})" in done.stdout
    assert "claude/plugins/installed_plugins.json: plugins.hsync@hsync" in done.stdout
    assert "~/.claude" not in done.stdout
    assert home_settings.read_text() == '{"model": "haiku"}\n'
    assert not (env.home / ".claude/plugins").exists()
    entry = listed(claude_bin, env.home, config_dir=moved)["hsync@hsync"]
    assert entry["enabled"] is True and entry["scope"] == "user" and entry.get("errors", []) == []
    assert "hsync@hsync" not in listed(claude_bin, env.home)  # without the variable: not there
    # a project scope beside it, in the same moved folder; removing the user scope keeps the
    # marketplace the project still needs
    assert integrate(env, "--scope", "project", project=project, config_dir=moved).returncode == 0
    assert integrate(env, "--uninstall", config_dir=moved).returncode == 0
    in_project = listed(claude_bin, env.home, cwd=project, config_dir=moved)["hsync@hsync"]
    assert in_project["enabled"] is True and in_project.get("errors", []) == []
    # an install without the variable is a separate one, in ~/.claude
    assert integrate(env).returncode == 0
    assert listed(claude_bin, env.home)["hsync@hsync"]["enabled"] is True
    assert integrate(env, "--uninstall").returncode == 0
    assert home_settings.read_text() == '{"model": "haiku"}\n'
    assert "hsync@hsync" in listed(claude_bin, env.home, cwd=project, config_dir=moved)
    done = integrate(env, "--scope", "project", "--uninstall", project=project, config_dir=moved)
    assert done.returncode == 0, done.stderr
    assert settings.read_text() == OWN_SETTINGS
    assert not (moved / "plugins").exists() and not (project / ".claude").exists()


def test_project_scope_creates_and_removes_the_project_files(env):
    project = env.project()
    done = integrate(env, "--scope", "project", project=project)
    assert done.returncode == 0, done.stderr
    assert "+ .claude/settings.json: enabledPlugins.hsync@hsync" in done.stdout
    assert "+ ~/.claude/settings.json: extraKnownMarketplaces.hsync" in done.stdout
    assert integrate(env, "--scope", "project", "--uninstall", project=project).returncode == 0
    assert not (project / ".claude").exists() and not (env.home / ".claude").exists()


def test_project_scope_needs_a_project(env):
    done = integrate(env, "--scope", "project", cwd=env.home)  # the home directory is no project
    assert done.returncode == 2 and "--scope project needs a project" in done.stderr


def test_dry_run_prints_diffs_and_writes_nothing(env):
    env.write(".claude/settings.json", OWN_SETTINGS)
    before = env.snapshot()
    done = integrate(env, "--dry-run")
    assert done.returncode == 0, done.stderr
    assert "+++ ~/.claude/settings.json" in done.stdout
    assert (
        '"hsync@hsync": true' in done.stdout and "+++ ~/.claude/plugins/installed_plugins.json" in done.stdout
    )
    assert "dry run; nothing was written" in done.stdout
    assert env.snapshot() == before
    assert integrate(env).returncode == 0
    installed = env.snapshot()
    undo = integrate(env, "--uninstall", "--dry-run")
    assert undo.returncode == 0, undo.stderr
    assert "--- ~/.claude/plugins/known_marketplaces.json" in undo.stdout and "+++ /dev/null" in undo.stdout
    assert env.snapshot() == installed


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ('{\n  "model": "opus",\n  nope\n}\n', 3, "invalid JSON"),
        ("[1, 2]\n", None, "the top level must be a JSON object"),
        ('{"enabledPlugins": ["x"]}\n', None, "'enabledPlugins' must be a JSON object"),
    ],
)
def test_broken_settings_exit_2_naming_the_file_and_write_nothing(env, text, line, problem):
    settings = env.write(".claude/settings.json", text)
    before = env.snapshot()
    done = integrate(env)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    where = f"{settings}:{line}:" if line else f"{settings}:"
    assert where in lines[0] and problem in lines[0]
    assert env.snapshot() == before


def test_a_value_changed_by_hand_is_left_and_said(env):
    settings = env.write(".claude/settings.json", '{\n  "model": "opus"\n}\n')
    assert integrate(env).returncode == 0
    settings.write_text(settings.read_text().replace('"hsync@hsync": true', '"hsync@hsync": false'))
    done = integrate(env, "--uninstall")
    assert done.returncode == 0
    assert (
        "left ~/.claude/settings.json: enabledPlugins.hsync@hsync (changed since hsync set it)" in done.stderr
    )
    assert json.loads(settings.read_text()) == {"model": "opus", "enabledPlugins": {"hsync@hsync": False}}


def test_a_disabled_plugin_is_enabled_and_disabled_again(env):
    original = '{"enabledPlugins": {"hsync@hsync": false}}\n'
    settings = env.write(".claude/settings.json", original)
    assert integrate(env).returncode == 0
    assert json.loads(settings.read_text())["enabledPlugins"] == {"hsync@hsync": True}
    assert integrate(env, "--uninstall").returncode == 0
    assert settings.read_text() == original


def test_warns_when_hsync_is_not_on_path(env):
    done = integrate(env, path="/usr/bin:/bin")
    assert done.returncode == 0
    warnings = [line for line in done.stderr.splitlines() if "not on PATH" in line]
    assert len(warnings) == 1 and "hooks and /hsync:* commands" in warnings[0]
    quiet = integrate(env, "--uninstall")
    assert "not on PATH" not in quiet.stderr


def test_the_reader_skips_hsyncs_own_plugin(env):
    project = env.project()
    write_sample_setup(env, project)
    assert integrate(env).returncode == 0
    done = env.run("sources", "--json", project=project)
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["items"], "the sample setup is read"
    assert not [i for i in document["items"] if i["name"].startswith("hsync:") or i["name"] == "hsync@hsync"]
    assert not [p for p in document["problems"] if p["kind"] == "plugins"]


def test_an_upgrade_moves_the_entries_and_uninstall_still_restores(env, monkeypatch, tmp_path):
    from hsync_core.integrations.claude import entries
    from hsync_core.integrations.claude import install as ci

    settings = env.write(".claude/settings.json", OWN_SETTINGS)
    original = settings.read_bytes()
    first = ci.install(home=env.home, hsync_home=env.hsync_home, scope="user", project=None)
    assert first.changed
    # hsync reinstalled elsewhere, one version later
    moved = tmp_path / "elsewhere" / "claude_plugin"
    monkeypatch.setattr(entries, "marketplace_dir", lambda: moved)
    monkeypatch.setattr(entries, "plugin_version", lambda: "9.9.9")
    second = ci.install(home=env.home, hsync_home=env.hsync_home, scope="user", project=None)
    assert sorted(key for _, key in second.added) == [
        ("extraKnownMarketplaces", "hsync"),
        ("hsync",),
        ("plugins", "hsync@hsync"),
    ]
    registry = json.loads((env.home / ".claude/plugins/installed_plugins.json").read_text())
    assert [(e["installPath"], e["version"]) for e in registry["plugins"]["hsync@hsync"]] == [
        (str(moved / "hsync"), "9.9.9")
    ]
    assert not ci.install(home=env.home, hsync_home=env.hsync_home, scope="user", project=None).changed
    ci.uninstall(home=env.home, hsync_home=env.hsync_home, scope="user", project=None)
    assert settings.read_bytes() == original
    assert not (env.home / ".claude/plugins").exists()


def test_an_install_made_by_claude_itself_is_left_alone(env):
    from hsync_core.integrations.claude import install as ci

    entry = {"scope": "user", "installPath": "/cache/hsync/hsync/0.1.0", "version": "0.1.0"}
    registry = env.write(
        ".claude/plugins/installed_plugins.json",
        json.dumps({"version": 2, "plugins": {"hsync@hsync": [entry]}}, indent=2) + "\n",
    )
    original = registry.read_bytes()
    result = ci.install(home=env.home, hsync_home=env.hsync_home, scope="user", project=None)
    assert ("plugins", "hsync@hsync") not in [key for _, key in result.added]
    assert registry.read_bytes() == original
    ci.uninstall(home=env.home, hsync_home=env.hsync_home, scope="user", project=None)
    assert registry.read_bytes() == original
