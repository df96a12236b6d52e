"""Property-based tests (Hypothesis) of the editors and the pipeline: a round trip through
hsync's editors leaves every byte outside its own entries unchanged, parsers fail only with
their own error, rendering is deterministic and a second sync writes nothing.

The normal suite runs a few dozen examples of each; ``scripts/campaign properties`` runs them
with the ``long`` profile (thousands of examples).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hsync_core.files import jsonc, markdown, tomlfile
from hsync_core.sources import frontmatter

settings.register_profile("short", max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
settings.register_profile("long", max_examples=3000, deadline=None, suppress_health_check=list(HealthCheck))
settings.load_profile(os.environ.get("HSYNC_HYPOTHESIS_PROFILE", "short"))

names = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=12)
scalars = st.one_of(st.integers(-(2**31), 2**31), st.booleans(), st.text(max_size=20))
values = st.recursive(
    scalars,
    lambda inner: st.dictionaries(names, inner, max_size=3) | st.lists(inner, max_size=3),
    max_leaves=6,
)
prose = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200).filter(
    lambda t: "hsync:" not in t
)


@given(prose, prose)
def test_a_markdown_block_put_then_removed_gives_back_every_byte(text, content):
    once = markdown.put(text, content)
    assert markdown.put(once, content) == once  # idempotent
    back = markdown.remove(once)
    assert back == (text if text.strip() else None)


@given(st.dictionaries(names, values, max_size=4), st.sampled_from(["  ", "    ", "\t"]), st.booleans())
def test_json_entries_set_then_deleted_leave_the_users_bytes(user, indent, comment):
    text = json.dumps(user, indent=indent, ensure_ascii=False) + "\n"
    if comment:
        text = "// the user's comment\n" + text
    key = ("mcpServers", "hsync-owned")
    created = 0 if "mcpServers" in user else 1
    if isinstance(user.get("mcpServers"), dict) or "mcpServers" not in user:
        edited = jsonc.apply(text, [(key, {"command": "npx", "args": ["x"]})])
        assert jsonc.lookup(jsonc.parse(edited), key) == {"command": "npx", "args": ["x"]}
        assert jsonc.apply(edited, [], [(key, created)]) == text


toml_keys = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True)
toml_scalars = st.one_of(st.integers(-1000, 1000), st.booleans(), st.text("abc xyz", max_size=10))


@given(
    st.dictionaries(toml_keys, toml_scalars, max_size=4), st.dictionaries(toml_keys, toml_scalars, max_size=3)
)
def test_toml_entries_set_then_deleted_leave_the_users_bytes(top, profile):
    import tomlkit

    doc = tomlkit.document()
    doc.add(tomlkit.comment("the user's own settings"))
    for k, v in top.items():
        doc[k] = v
    if profile:
        doc["profiles"] = {"mine": profile}
    text = tomlkit.dumps(doc)
    if "mcp_servers" in top:
        return
    key = ("mcp_servers", "owned")
    edited = tomlfile.apply(text, {key: {"command": "npx", "args": ["x"]}}, [])
    assert tomlfile.lookup(tomlfile.parse(edited), key) == {"command": "npx", "args": ["x"]}
    assert tomlfile.apply(edited, {}, [(key, 1)]) == text


@given(st.text(max_size=300))
def test_front_matter_fails_only_with_its_own_error(text):
    try:
        meta, body = frontmatter.read(text)
    except frontmatter.FrontMatterError:
        return
    assert isinstance(meta, dict) and isinstance(body, str)


@given(st.text(max_size=300))
def test_the_jsonc_parser_fails_only_with_its_own_error(text):
    try:
        root = jsonc.parse(text)
    except jsonc.JsoncError:
        return
    assert root is not None


json_texts = st.one_of(
    st.text(max_size=120),
    st.builds(lambda v, i: json.dumps(v, indent=i, ensure_ascii=False), values, st.sampled_from([None, 2])),
    st.sampled_from(["NaN", '{"a": Infinity}', "\ufeff{}", '{"a": 1, "a": 2}', '{"a": 1,}', "1e400", "-0"]),
)


@given(json_texts)
def test_reading_values_fast_gives_what_the_jsonc_parser_gives(text):
    """``jsonc.values`` (the C decoder when it can) agrees with ``jsonc.parse`` on every text:
    the same values, or the same error."""
    try:
        expected = jsonc.parse(text).value
    except jsonc.JsoncError as exc:
        with pytest.raises(jsonc.JsoncError) as raised:
            jsonc.values(text)
        assert str(raised.value) == str(exc)
        return
    assert repr(jsonc.values(text).value) == repr(expected)


server_names = st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True)
servers = st.dictionaries(
    server_names,
    st.fixed_dictionaries(
        {
            "command": st.sampled_from(["npx", "uvx", "node"]),
            "args": st.lists(st.text("abc-", max_size=5), max_size=3),
        },
        optional={
            "env": st.dictionaries(
                st.from_regex(r"[A-Z]{1,6}", fullmatch=True), st.just("${TOKEN}"), max_size=2
            )
        },
    ),
    max_size=4,
)
descriptions = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=30)


@settings(max_examples=int(os.environ.get("HSYNC_PIPELINE_EXAMPLES", "6")))
@given(servers, descriptions, st.dictionaries(server_names, servers, max_size=0))
def test_rendering_is_deterministic_and_a_second_sync_writes_nothing(mcp, description, _):
    from hsync_core.engine import Engine
    from hsync_core.plugins import make_plugin_manager
    from hsync_core.testing.env import HsyncEnv

    with tempfile.TemporaryDirectory() as root:
        env = HsyncEnv(Path(root))
        project = env.project(git=False)
        (project / ".mcp.json").write_text(json.dumps({"mcpServers": mcp}), encoding="utf-8")
        env.write(".claude/commands/c.md", f"---\ndescription: {json.dumps(description)}\n---\nBody.\n")
        env.write(".codex/config.toml", 'model = "o3" # mine\n')
        plugins = make_plugin_manager()
        first = Engine(plugins, env.context(project)).run()
        snap = env.snapshot(env.home, project)
        assert 'model = "o3" # mine' in (env.home / ".codex/config.toml").read_text()
        second = Engine(plugins, env.context(project)).run()
        assert not second.pending, [
            c for t in second.targets.values() for c in t.changes if c.action != "unchanged"
        ]
        assert {p: v for p, v in env.snapshot(env.home, project).items() if "/.hsync/" not in p} == {
            p: v for p, v in snap.items() if "/.hsync/" not in p
        }
        rendered = [
            Engine(plugins, env.context(project, dry_run=True)).render(t) for t in ("codex", "opencode")
        ]
        again = [Engine(plugins, env.context(project, dry_run=True)).render(t) for t in ("codex", "opencode")]
        assert rendered == again
        assert first.exit_code in (0, 1)


plain_words = st.text(st.sampled_from("aZy09 _.,;:#()[]{}'\"!?*&%$=<>|~`^-\t@"), max_size=15)
front_matter_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    plain_words,
    st.sampled_from(["yes", "No", "null", "ON", "true", "a b", "x: y", "a #b", "-x", "1.5"]),
    st.lists(plain_words, max_size=3),
    st.dictionaries(plain_words, st.one_of(st.booleans(), plain_words, st.lists(plain_words)), max_size=3),
)


@given(st.dictionaries(st.one_of(plain_words, st.sampled_from(["name", "on", "a-b"])), front_matter_values))
def test_front_matter_written_without_pyyaml_is_what_pyyaml_writes(meta):
    import yaml

    from hsync_core.rendering.documents import _simple_dump

    simple = _simple_dump(meta)
    if simple is not None:
        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
        expected = yaml.dump(
            meta, Dumper=dumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=10**6
        )
        assert simple == expected
