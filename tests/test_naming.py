"""The naming policy every adapter uses: one rename line, one collision line naming both sources,
case-only twins are one name."""

from __future__ import annotations

from pathlib import Path

from hsync_core import Names, Skill, fit_name, name_taken, renamed


def skill(name: str, scope: str, origin: str) -> Skill:
    return Skill(name=name, scope=scope, level="user", origin=Path(origin), files=("SKILL.md",))


def test_fit_name_replaces_what_the_harness_refuses() -> None:
    assert fit_name("db tools") == "db-tools"
    assert fit_name("@acme/search.server") == "acme-search-server"
    assert fit_name("Code Reviewer (strict)", lower=True) == "code-reviewer-strict"
    assert fit_name("...", fallback="server") == "server"
    assert fit_name("help", reserved=("HELP",)) == "help-1"
    assert fit_name("a.b", allowed="A-Za-z0-9_.-") == "a.b"


def test_renamed_is_one_line_everywhere() -> None:
    entry = renamed(skill("db tools", "user", "/h/.claude/skills/x"), "db tools", "db-tools", "no spaces")
    assert entry.reason == "renamed 'db tools' -> 'db-tools': no spaces"
    assert (entry.action, entry.field, entry.kind) == ("warning", "name", "skills")


def test_the_second_of_one_name_is_skipped_naming_both_sources() -> None:
    names = Names()
    first = skill("pdf", "user", "/h/.claude/skills/pdf")
    second = skill("PDF", "plugin", "/h/.claude/plugins/cache/m/p/1.0/skills/PDF")
    assert names.claim(first, "pdf", "~/.x/skills") is None
    entry = names.claim(second, "PDF", "~/.x/skills")  # case-only twin: one file on macOS
    assert entry is not None and entry.action == "skipped"
    assert entry.reason == (
        "the user skill pdf (.claude/skills/pdf) already takes the name 'PDF' in ~/.x/skills; "
        "the plugin skill PDF (.claude/plugins/cache/m/p/1.0/skills/PDF) is not written"
    )
    assert names.holder(["Pdf"]) is first
    assert name_taken(second, first, "pdf", "here").name == second.qualified_name
