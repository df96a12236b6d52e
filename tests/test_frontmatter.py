import pytest

from hsync_core.sources import frontmatter


def test_argument_hint_flow_list_is_accepted_and_kept_as_text():
    meta, body = frontmatter.read("---\ndescription: Review\nargument-hint: [focus-area]\n---\nBody\n")
    assert meta["argument-hint"] == ["focus-area"]
    assert frontmatter.as_text(meta["argument-hint"]) == "[focus-area]"
    assert body == "Body\n"


def test_argument_hint_two_lists_is_not_valid_yaml_but_is_read():
    meta, _ = frontmatter.read("---\ndescription: Commit\nargument-hint: [type] [scope]\n---\nx\n")
    assert frontmatter.as_text(meta["argument-hint"]) == "[type] [scope]"
    assert meta["description"] == "Commit"


def test_description_with_a_colon():
    meta, _ = frontmatter.read("---\nname: pdf\ndescription: Use when: the user mentions PDFs\n---\n")
    assert meta["description"] == "Use when: the user mentions PDFs"


def test_missing_front_matter_is_an_empty_mapping():
    assert frontmatter.read("Explain @src/main.py\n") == ({}, "Explain @src/main.py\n")


def test_unclosed_front_matter_is_an_error_with_a_line():
    with pytest.raises(frontmatter.FrontMatterError) as info:
        frontmatter.read("---\nname: x\nbody without end\n")
    assert info.value.line == 1


def test_front_matter_that_is_not_a_mapping_is_an_error():
    with pytest.raises(frontmatter.FrontMatterError):
        frontmatter.read("---\n- a\n- b\n---\n")


def test_yaml_values_keep_their_types():
    meta, _ = frontmatter.read("---\nmaxTurns: 12\nbackground: true\ntools:\n  - Read\n  - Grep\n---\n")
    assert meta == {"maxTurns": 12, "background": True, "tools": ["Read", "Grep"]}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Read, Grep, Glob", ("Read", "Grep", "Glob")),
        ("Read Grep", ("Read", "Grep")),
        ("Bash(git add:*), Bash(git status:*)", ("Bash(git add:*)", "Bash(git status:*)")),
        (["Read", "Bash(a, b)"], ("Read", "Bash(a, b)")),
        (None, ()),
    ],
)
def test_tool_lists(value, expected):
    assert frontmatter.as_list(value) == expected
