"""A small fake harness ("fakeharness") used to prove the engine end to end.

It writes, per level: the shared instructions as a managed block in ``FAKE.md``, one file per
agent (``agents/<name>.md``), a link per skill (``skills/<name>``), MCP servers as TOML entries in
``config.toml`` and as JSON entries in ``settings.json``, and one file per command.
"""

from __future__ import annotations

from pathlib import Path

from hsync_core import (
    FileOutput,
    JsonEntry,
    LinkOutput,
    Names,
    Rendered,
    ReportEntry,
    TargetInfo,
    TomlEntry,
    hookimpl,
    render_instructions,
)

NAME = "fakeharness"


def home_of(ctx) -> Path:
    return ctx.env_dir("FAKE_HOME", ctx.home / ".fake")


@hookimpl
def register_targets():
    return [
        TargetInfo(
            name=NAME,
            description="a fake harness for tests",
            kinds=("rules", "skills", "agents", "commands", "mcp"),
            locations={"user": "~/.fake"},
        )
    ]


@hookimpl
def render_target(target, sources, ctx):
    if target != NAME:
        return None
    outputs, report = [], []
    for level in ("user", "project"):
        if level == "project" and ctx.project is None:
            continue
        root = home_of(ctx) if level == "user" else ctx.project / ".fake"
        rendered = render_instructions(sources, ctx, level=level, root=root, filename="FAKE.md", target=NAME)
        outputs += rendered.outputs
        report += rendered.report
        names = Names()  # the core's naming policy: one agent per name, case-only twins collide
        for agent in sources.of("agents", level=level):
            taken = names.claim(agent, agent.name, str(root / "agents"))
            if taken is not None:
                report.append(taken)
                continue
            outputs.append(
                FileOutput(
                    path=root / "agents" / f"{agent.name}.md",
                    root=root,
                    level=level,
                    kind="agents",
                    item=agent.name,
                    scope=agent.scope,
                    content=f"# {agent.name}\n\n{agent.description}\n\n{agent.body}",
                )
            )
        for skill in sources.of("skills", level=level):
            outputs.append(
                LinkOutput(
                    path=root / "skills" / skill.name,
                    root=root,
                    level=level,
                    kind="skills",
                    item=skill.name,
                    scope=skill.scope,
                    source=skill.origin,
                )
            )
        for command in sources.of("commands", level=level):
            outputs.append(
                FileOutput(
                    path=root / "commands" / f"{command.path_name}.txt",
                    root=root,
                    level=level,
                    kind="commands",
                    item=command.path_name,
                    scope=command.scope,
                    content=command.body,
                )
            )
        for server in sources.of("mcp", level=level):
            if server.transport == "sse":
                report.append(ReportEntry.for_item(server, "SSE is not supported by fakeharness"))
                continue
            value = (
                {"command": server.command, "args": list(server.args)}
                if server.command
                else {"url": server.url}
            )
            outputs.append(
                TomlEntry(
                    path=root / "config.toml",
                    root=root,
                    level=level,
                    kind="mcp",
                    item=server.name,
                    scope=server.scope,
                    key=("mcp_servers", server.name),
                    value=value,
                )
            )
            outputs.append(
                JsonEntry(
                    path=root / "settings.json",
                    root=root,
                    level=level,
                    kind="mcp",
                    item=server.name,
                    scope=server.scope,
                    key=("mcpServers", server.name),
                    value=value,
                )
            )
    return Rendered(outputs=outputs, report=report)
