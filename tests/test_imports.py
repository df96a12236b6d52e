from pathlib import Path

from hsync_core.sources.imports import resolve_imports


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_relative_home_and_absolute_imports_are_inlined(tmp_path):
    home = tmp_path / "home"
    write(home / "rules/a.md", "from home")
    write(tmp_path / "p/docs/b.md", "relative")
    absolute = write(tmp_path / "abs.md", "absolute")
    main = write(tmp_path / "p/CLAUDE.md", f"# Top\n@docs/b.md\n@~/rules/a.md\n@{absolute}\n")
    text, imported, problems = resolve_imports(main.read_text(), main, home)
    assert text == "# Top\nrelative\nfrom home\nabsolute\n"
    assert len(imported) == 3 and problems == []


def test_imports_inside_code_are_not_imports(tmp_path):
    write(tmp_path / "x.md", "SHOULD NOT APPEAR")
    main = write(tmp_path / "CLAUDE.md", "Use `@x.md` literally.\n```\n@x.md\n```\n~~~\n@x.md\n~~~\n")
    text, imported, _ = resolve_imports(main.read_text(), main, tmp_path)
    assert "SHOULD NOT APPEAR" not in text and imported == []


def test_mentions_and_emails_stay_text(tmp_path):
    main = write(tmp_path / "CLAUDE.md", "Ask @someone or mail a@b.com.\n")
    assert resolve_imports(main.read_text(), main, tmp_path)[0] == "Ask @someone or mail a@b.com.\n"


def test_cycles_are_reported_not_followed(tmp_path):
    write(tmp_path / "b.md", "B\n@a.md\n")
    main = write(tmp_path / "a.md", "A\n@b.md\n")
    text, _, problems = resolve_imports(main.read_text(), main, tmp_path)
    assert text == "A\nB\n@a.md\n"
    assert any("cycle" in p for p in problems)


def test_depth_is_limited_to_five(tmp_path):
    for i in range(1, 8):
        write(tmp_path / f"{i}.md", f"level {i}\n@{i + 1}.md\n")
    write(tmp_path / "8.md", "level 8\n")
    main = write(tmp_path / "0.md", "level 0\n@1.md\n")
    text, imported, problems = resolve_imports(main.read_text(), main, tmp_path)
    assert "level 5" in text and "level 6" not in text
    assert len(imported) == 5
    assert any("deeper than 5" in p for p in problems)


def test_inline_import_in_a_sentence(tmp_path):
    write(tmp_path / "n.md", "NOTE")
    main = write(tmp_path / "CLAUDE.md", "See @n.md, then go.\n")
    assert resolve_imports(main.read_text(), main, tmp_path)[0] == "See NOTE, then go.\n"
