"""Claude permission rules → OpenCode rules (pure functions)."""

from __future__ import annotations

import pytest

from hsync_opencode.permissions import Rule, Untranslatable, parse, ruleset


@pytest.mark.parametrize(
    ("claude", "expected"),
    [
        ("Bash", [Rule("bash")]),
        ("Bash(*)", [Rule("bash")]),
        ("Bash(git status:*)", [Rule("bash", "git status *")]),
        ("Bash(npm run *)", [Rule("bash", "npm run *")]),
        ("Bash(git diff)", [Rule("bash", "git diff")]),
        ("Edit", [Rule("edit")]),
        ("Write", [Rule("edit")]),
        ("MultiEdit", [Rule("edit")]),
        ("Edit(src/**)", [Rule("edit", "src/*")]),
        ("Edit(/src/**/*.ts)", [Rule("edit", "src/*/*.ts")]),
        ("Read(./.env)", [Rule("read", ".env"), Rule("read", "*/.env")]),
        ("Read(**/secrets/)", [Rule("read", "secrets/*"), Rule("read", "*/secrets/*")]),
        ("WebFetch", [Rule("webfetch")]),
        ("WebSearch", [Rule("websearch")]),
        ("Task(code-reviewer)", [Rule("task", "code-reviewer")]),
        ("Skill(pdf-tools)", [Rule("skill", "pdf-tools")]),
        ("mcp__github", [Rule("github_*")]),
        ("mcp__github__*", [Rule("github_*")]),
        ("mcp__github__create_issue", [Rule("github_create_issue")]),
        ("mcp__my.server__do it", [Rule("my_server_do_it")]),
    ],
)
def test_parse(claude, expected):
    assert parse(claude, level="project") == expected


@pytest.mark.parametrize(
    ("claude", "why"),
    [
        ("WebFetch(domain:example.com)", "takes no patterns"),
        ("Read(//etc/passwd)", "inside the project"),
        ("Read(~/.ssh/**)", "inside the project"),
        ("Grep(TODO)", "no patterns for Grep"),
        ("ExitPlanMode", "no tool like Claude's ExitPlanMode"),
        ("mcp__", "needs a server name"),
        ("Bash(", "not a Claude permission rule"),
    ],
)
def test_untranslatable(claude, why):
    with pytest.raises(Untranslatable, match=why):
        parse(claude, level="project")


def test_settings_relative_path_means_nothing_at_user_level():
    with pytest.raises(Untranslatable):
        parse("Edit(/src/**)", level="user")


def test_ruleset_orders_for_last_match_wins():
    rules = [
        (Rule("bash", "rm *"), "deny"),
        (Rule("bash", "git *"), "allow"),
        (Rule("bash", "git push *"), "ask"),
    ]
    assert list(ruleset(rules)["bash"].items()) == [
        ("*", "ask"),
        ("git *", "allow"),
        ("git push *", "ask"),
        ("rm *", "deny"),
    ]


def test_whole_tool_rule_wins_over_weaker_patterns():
    rules = [(Rule("bash"), "deny"), (Rule("bash", "git *"), "allow")]
    assert ruleset(rules) == {"bash": "deny"}
    rules = [(Rule("bash"), "allow"), (Rule("bash", "rm *"), "deny"), (Rule("bash"), "ask")]
    assert ruleset(rules) == {"bash": {"*": "ask", "rm *": "deny"}}


def test_no_star_where_claude_and_opencode_agree():
    assert ruleset([(Rule("read", ".env"), "deny")]) == {"read": {".env": "deny"}}


def test_mcp_wildcards_come_first_and_covered_tools_are_dropped():
    rules = [
        (Rule("github_create_issue"), "allow"),
        (Rule("github_*"), "deny"),
        (Rule("sentry_delete"), "deny"),
        (Rule("sentry_*"), "allow"),
    ]
    assert list(ruleset(rules).items()) == [
        ("github_*", "deny"),
        ("sentry_*", "allow"),
        ("sentry_delete", "deny"),
    ]
