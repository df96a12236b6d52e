"""Settings (opt-in): Claude permissions as OpenCode's "permission"; hooks reported."""

from __future__ import annotations

from hsync_core import KINDS, jsonc


def permission(path):
    return jsonc.parse(path.read_text(encoding="utf-8")).value["permission"]


def test_settings_are_opt_in(runner):
    project = runner.team()
    runner.run(project)
    assert "permission" not in jsonc.parse((runner.config_dir / "opencode.json").read_text()).value
    assert not [r for r in runner.report(project) if r.kind in ("settings", "hooks")]


def test_user_permissions_star_first_then_allows_then_denies(runner):
    project = runner.team()
    runner.run(project, kinds=KINDS)
    perm = permission(runner.config_dir / "opencode.json")
    assert list(perm) == ["github_*", "bash", "read"]
    assert perm["github_*"] == "allow"
    assert list(perm["bash"].items()) == [
        ("*", "ask"),
        ("git status *", "allow"),
        ("npm run test *", "allow"),
        ("rm -rf *", "deny"),
    ]
    assert perm["read"] == {"*": "allow", ".env": "deny", "*/.env": "deny"}


def test_project_and_local_layers_merge(runner):
    project = runner.team()
    runner.run(project, kinds=KINDS)
    perm = permission(project / "opencode.jsonc")
    assert perm == {
        "bash": {"*": "ask", "pnpm test *": "allow", "docker compose *": "allow"},
        "edit": {"*": "ask", "src/*": "allow"},
        "webfetch": "deny",
        "sentry_delete_issue": "deny",
    }


def test_local_layer_is_skipped_when_git_tracks_the_project_file(runner):
    project = runner.team()
    runner.commit(project)
    runner.run(project, kinds=KINDS)
    assert "docker compose *" not in permission(project / "opencode.jsonc")["bash"]
    notes = [r for r in runner.report(project, kinds=KINDS) if r.kind == "settings" and r.scope == "local"]
    assert "git tracks it" in notes[0].reason


def test_untranslatable_settings_and_hooks_are_reported(runner):
    project = runner.team()
    report = runner.report(project, kinds=KINDS)
    reasons = {(r.kind, r.field or "", r.reason) for r in report if r.kind in ("settings", "hooks")}
    assert any(f == "env" and "DISABLE_TELEMETRY" in t for _, f, t in reasons)
    assert any("WebFetch(domain:internal.example.com)" in t for _, _, t in reasons)
    assert any("'../shared-docs'" in t for _, _, t in reasons)
    hooks = [r for r in report if r.kind == "hooks"]
    assert {r.scope for r in hooks} == {"user", "plugin"}
    assert all(r.action == "skipped" and "OpenCode runs no shell hooks" in r.reason for r in hooks)


def test_additional_directories_and_default_mode(runner):
    project = runner.team()
    runner.write(
        project / ".claude/settings.json",
        '{"permissions": {"defaultMode": "acceptEdits", "additionalDirectories": ["~/shared", "/srv/docs/"]}}',
    )
    runner.run(project, kinds=KINDS)
    perm = permission(project / "opencode.jsonc")
    assert perm["external_directory"] == {"~/shared/*": "allow", "/srv/docs/*": "allow"}
    note = next(r for r in runner.report(project, kinds=KINDS) if r.field == "permissions.defaultMode")
    assert "'acceptEdits'" in note.reason
