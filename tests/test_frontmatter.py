from pathlib import Path

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


# ------------------------------------------- the fast path reads exactly what YAML reads

FAST_CASES = [
    "name: a\ndescription: Plain text, with commas.\n",
    "description: Extract text. Use when: the user mentions PDFs.\nallowed-tools: Read, Bash(python3:*)\n",
    "argument-hint: [type] [scope]\ndescription: Commit\n",
    "argument-hint: [focus-area]\n",
    "argument-hint: []\n",
    'argument-hint: "<staging|production>"\nmodel: opus\n',
    "name: 'quoted name'\ncount: 12\nflag: true\nother: false\nnothing:\n",
    'paths:\n  - "src/web/**/*.tsx"\n  - lib/**/*.py\nname: x\n',
    "paths:\n- a\n- 'b c'\n",
    "tools: [Read, Grep, Glob]\n",
    "off: false\n",  # the key is a bool in YAML 1.1: YAML's
    "version: 1.0\n",  # a float: YAML's
    "enabled: yes\n",  # a bool in YAML 1.1: YAML's
    "when: 2024-01-01\n",  # a date: YAML's
    "mode: 012\n",  # octal: YAML's
    "paths:\n  - 1.5\n",
    "paths:\n  - key: value\n",
    "description: a # comment\n",
    'description: "a \\"b\\""\n',
    "description: ends with colon:\n",
    "description: a: b\nargument-hint: [x] [y]\npaths:\n  - a\n",
]


def _corpus() -> list[str]:
    blocks = list(FAST_CASES)
    root = Path(__file__).resolve().parent.parent
    for folder in (root / "examples", root / "tests", root / "plugins"):
        for path in folder.rglob("*.md"):
            try:
                block, _, _ = frontmatter.split(path.read_text(encoding="utf-8"))
            except (UnicodeDecodeError, frontmatter.FrontMatterError):
                continue
            if block is not None:
                blocks.append(block)
    return blocks


def test_the_fast_path_equals_yaml_wherever_it_answers():
    answered = 0
    for block in _corpus():
        fast = frontmatter._fast(block)
        if fast is None:
            continue
        answered += 1
        try:
            slow = frontmatter.parse_with_yaml(block)
        except frontmatter.FrontMatterError as exc:
            raise AssertionError(f"fast path read a block YAML rejects: {block!r}") from exc
        assert fast == slow, block
        assert [type(v) for v in fast.values()] == [type(v) for v in slow.values()], block
    assert answered >= 15


def test_common_shapes_need_no_yaml():
    for block in FAST_CASES[:10]:
        assert frontmatter._fast(block) is not None, block
    for block in FAST_CASES[10:18]:
        assert frontmatter._fast(block) is None, block
