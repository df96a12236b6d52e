"""The in-place editors of shared files: JSON(C), TOML entries, Markdown blocks."""

import pytest

from hsync_core.files import jsonc, markdown, tomlfile

SETTINGS = """{
  // my settings, keep me
  "ui": {"theme": "GitHub"},
  "mcpServers": {
    "mine": {
      "httpUrl": "https://search.example.com/mcp" /* hand-added */
    }
  }
}
"""


def test_json_set_and_delete_round_trips_byte_for_byte():
    added = jsonc.set_value(SETTINGS, ("mcpServers", "github"), {"command": "npx", "args": ["-y"]})
    assert '"ui": {"theme": "GitHub"}' in added and "// my settings, keep me" in added
    assert jsonc.parse(added).value["mcpServers"]["github"] == {"command": "npx", "args": ["-y"]}
    changed = jsonc.set_value(added, ("mcpServers", "github"), {"command": "uvx"})
    assert jsonc.parse(changed).value["mcpServers"]["github"] == {"command": "uvx"}
    assert jsonc.delete_value(changed, ("mcpServers", "github")) == SETTINGS


def test_json_creates_missing_parents_and_keeps_indentation():
    text = '{\n    "a": 1\n}\n'
    out = jsonc.set_value(text, ("mcp", "x"), {"type": "local"})
    assert (
        out
        == '{\n    "a": 1,\n    "mcp": {\n        "x": {\n            "type": "local"\n        }\n    }\n}\n'
    )


def test_json_trailing_comma_style_is_kept():
    text = '{\n  "a": 1,\n}\n'
    out = jsonc.set_value(text, ("b",), 2)
    assert out == '{\n  "a": 1,\n  "b": 2,\n}\n'
    assert jsonc.delete_value(out, ("b",)) == text


def test_json_errors_name_the_line():
    with pytest.raises(jsonc.JsoncError) as info:
        jsonc.parse('{\n  "a": 1\n  "b": 2\n}')
    assert info.value.line == 3


def test_json_comment_detection_ignores_strings():
    assert not jsonc.has_comments('{"url": "https://x//y"}')
    assert jsonc.has_comments('{"a": 1} // c')


TOML = """# My Codex settings - keep these comments!
model = "gpt-5-codex"

[mcp_servers.mine]
# a server I added by hand
command = "notes-mcp"

[profiles.fast]
model = "gpt-5-codex-mini"
"""


def test_toml_entries_round_trip_byte_for_byte():
    added = tomlfile.apply(TOML, {("mcp_servers", "gh"): {"command": "npx", "env": {"A": "b"}}}, [])
    data = tomlfile.parse(added)
    assert data["mcp_servers"]["gh"] == {"command": "npx", "env": {"A": "b"}}
    assert data["profiles"]["fast"]["model"] == "gpt-5-codex-mini"
    assert "# a server I added by hand" in added
    assert tomlfile.apply(added, {}, [(("mcp_servers", "gh"), 0)]) == TOML


def test_toml_multiline_strings_and_backslashes_survive():
    value = {"developer_instructions": 'Line one\nUse "quotes", \\backslashes\\ and """ too.\n'}
    out = tomlfile.apply("", {("agent",): value}, [])
    assert tomlfile.parse(out)["agent"] == value


def test_markdown_block_is_added_updated_and_removed():
    text = "# Mine\n\nHand-written.\n"
    added = markdown.put(text, "generated\n")
    assert added == "# Mine\n\nHand-written.\n\n<!-- hsync:begin -->\ngenerated\n<!-- hsync:end -->\n"
    assert markdown.inner(added) == "generated\n"
    updated = markdown.put(added, "new\n")
    assert markdown.inner(updated) == "new\n" and updated.startswith("# Mine\n\nHand-written.\n")
    assert markdown.remove(updated) == text
    assert markdown.remove(markdown.put(None, "only\n")) is None


def test_markdown_two_blocks_is_an_error():
    with pytest.raises(markdown.BlockError):
        markdown.find(markdown.render("a") + markdown.render("b"))


@pytest.mark.parametrize(
    "text",
    [
        '{"servers": {"own": {"url": "u"}}}\n',
        '{\n  "servers": {"own": 1, /* c */ "x": 2}\n}\n',
        '{"servers": {}}',
    ],
)
def test_json_inline_objects_round_trip(text):
    added = jsonc.set_value(text, ("servers", "new"), {"a": [1, 2]})
    assert jsonc.parse(added).value["servers"]["new"] == {"a": [1, 2]}
    assert jsonc.delete_value(added, ("servers", "new")) == text


def test_json_delete_middle_member():
    text = '{\n  "a": 1,\n  "b": 2,\n  "c": 3\n}\n'
    assert jsonc.delete_value(text, ("b",)) == '{\n  "a": 1,\n  "c": 3\n}\n'
    assert jsonc.delete_value('{"a": 1, "b": 2, "c": 3}', ("b",)) == '{"a": 1, "c": 3}'


def test_toml_new_table_among_tables_split_by_another():
    text = '[mcp_servers.a]\ncommand = "a"\n\n[profiles.x]\nmodel = "m"\n\n[mcp_servers.b]\ncommand = "b"\n'
    added = tomlfile.apply(text, {("mcp_servers", "c"): {"command": "c"}}, [])
    assert tomlfile.parse(added)["mcp_servers"] == {
        "a": {"command": "a"},
        "b": {"command": "b"},
        "c": {"command": "c"},
    }
    assert tomlfile.apply(added, {}, [(("mcp_servers", "c"), 0)]) == text


def test_json_many_sets_in_one_pass_match_one_by_one():
    text = '{\n  // keep\n  "ui": {"theme": "x"},\n  "mcpServers": {\n    "own": {"url": "u"}\n  }\n}\n'
    sets = [
        (("mcpServers", "a"), {"command": "a"}),
        (("mcpServers", "own"), {"url": "v"}),
        (("mcpServers", "b"), {"args": [1]}),
        (("tools", "allowed"), ["x"]),
        (("tools", "exclude"), ["y"]),
    ]
    one_by_one = text
    for key, value in sets:
        one_by_one = jsonc.set_value(one_by_one, key, value)
    together = jsonc.apply(text, sets)
    assert jsonc.parse(together).value == jsonc.parse(one_by_one).value
    assert together == one_by_one
    assert "// keep" in together
