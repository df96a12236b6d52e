"""hsync beside its peers: ruler and rulesync on the benchmark tree, interleaved in one run.

    .venv/bin/python benchmarks/peers.py [--runs 3] [--ruler VERSION] [--rulesync VERSION]

Installs ``@intellectronica/ruler`` and ``rulesync`` from the npm registry into the test kit's
cache folder (with `npm_cli`, as the real-CLI tests do), converts the benchmark tree of
``run.py`` into what each reads, and times, for each run, a fresh copy per tool: a full run
(nothing written yet) and a no-op (the same command again), plus peak RSS. Printed: median
seconds and CPU seconds of each, and each peer's time divided by hsync's.

What each tool gets (per their READMEs):

- **ruler** reads ``.ruler/``: ``AGENTS.md`` (the rules), ``ruler.toml`` (``[mcp_servers.*]`` and
  ``[agents] enabled = true``), ``skills/<name>/`` and ``agents/*.md``; it has no commands, so the
  300 commands are left out. ``ruler apply --local-only --no-gitignore --no-backup --subagents``
  for the agents ruler knows that hsync also writes: codex, gemini-cli, opencode, copilot,
  kilocode, qwen.
- **rulesync** reads ``.rulesync/``; the tree is put in a project as Claude Code files and
  converted once with ``rulesync import --targets claudecode --features "*"`` (not timed), then
  ``rulesync generate --features "*"`` for codexcli, geminicli, opencode, copilot, kilo, qwencode.
- **hsync** syncs the tree as ``run.py`` does (user level in ``HOME``, one project); its no-op
  is the run right after the first, its cached no-op the one after that (replayed by the render
  cache), and its steady no-op the next (served from the no-op memo): a peer's no-op is compared
  with the steady one, the no-op a user meets when nothing changed since the last sync (the
  first and cached no-ops are printed too, to compare by hand).

Both peers write project files only; hsync writes the user level too, so it writes more.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import Timing, compile_bytecode, environ, generate, timed

from hsync_core.testing.clients import npm_cli

RULER = ("@intellectronica/ruler", "0.3.44", "ruler")
RULESYNC = ("rulesync", "17.0.0", "rulesync")
RULER_AGENTS = "codex,gemini-cli,opencode,copilot,kilocode,qwen"
RULESYNC_TARGETS = "codexcli,geminicli,opencode,copilot,kilo,qwencode"


def _toml_string(value: str) -> str:
    return json.dumps(value)  # a JSON string is a valid TOML basic string for these values


def ruler_tree(source: Path, root: Path) -> Path:
    """The benchmark tree as ruler reads it; returns the project."""
    claude = source / "home" / ".claude"
    project = root / "project"
    shutil.copytree(source / "project", project)
    ruler = project / ".ruler"
    ruler.mkdir()
    (ruler / "AGENTS.md").write_text((claude / "CLAUDE.md").read_text(encoding="utf-8"), encoding="utf-8")
    shutil.copytree(claude / "skills", ruler / "skills")
    shutil.copytree(claude / "agents", ruler / "agents")
    servers = json.loads((source / "home" / ".claude.json").read_text(encoding="utf-8"))["mcpServers"]
    lines = ["[agents]", "enabled = true", ""]
    for name, server in servers.items():
        lines.append(f"[mcp_servers.{name}]")
        if "url" in server:
            lines.append(f"url = {_toml_string(server['url'])}")
            lines.append(f"[mcp_servers.{name}.headers]")
            lines += [f"{k} = {_toml_string(v)}" for k, v in server.get("headers", {}).items()]
        else:
            lines.append(f"command = {_toml_string(server['command'])}")
            lines.append("args = [" + ", ".join(map(_toml_string, server.get("args", []))) + "]")
            lines.append(f"[mcp_servers.{name}.env]")
            lines += [f"{k} = {_toml_string(v)}" for k, v in server.get("env", {}).items()]
        lines.append("")
    (ruler / "ruler.toml").write_text("\n".join(lines), encoding="utf-8")
    (root / "home").mkdir()
    return project


def rulesync_tree(source: Path, root: Path, rulesync: Path) -> Path:
    """The benchmark tree as rulesync reads it (imported from Claude Code files); returns the project."""
    claude = source / "home" / ".claude"
    project = root / "project"
    shutil.copytree(source / "project", project)
    (project / "CLAUDE.md").write_text((claude / "CLAUDE.md").read_text(encoding="utf-8"), encoding="utf-8")
    for kind in ("commands", "agents", "skills"):
        shutil.copytree(claude / kind, project / ".claude" / kind)
    # rulesync reads ``argument-hint: [target]`` (which Claude Code accepts) as a YAML list and
    # rejects the command: quoted, it is the same hint
    for command in (project / ".claude" / "commands").rglob("*.md"):
        text = command.read_text(encoding="utf-8")
        command.write_text(
            text.replace("argument-hint: [target]", 'argument-hint: "[target]"'), encoding="utf-8"
        )
    servers = json.loads((source / "home" / ".claude.json").read_text(encoding="utf-8"))["mcpServers"]
    (project / ".mcp.json").write_text(json.dumps({"mcpServers": servers}, indent=2), encoding="utf-8")
    (root / "home").mkdir()
    done = timed([str(rulesync), "import", "--targets", "claudecode", "--features", "*"], _env(root), project)
    if done.code != 0 or not (project / ".rulesync").is_dir():
        raise SystemExit(f"rulesync import failed (exit {done.code}) in {project}")
    shutil.rmtree(project / ".claude")  # generate writes only what .rulesync/ holds
    (project / "CLAUDE.md").write_text("# Project\n\nRun the tests.\n", encoding="utf-8")
    (project / ".mcp.json").unlink()
    return project


def _env(root: Path) -> dict[str, str]:
    return environ(root / "home")


def count_files(directory: Path) -> int:
    return sum(len(files) for _, _, files in os.walk(directory))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--ruler", default=RULER[1], help=f"ruler version (default {RULER[1]})")
    parser.add_argument("--rulesync", default=RULESYNC[1], help=f"rulesync version (default {RULESYNC[1]})")
    args = parser.parse_args()
    ruler = npm_cli(RULER[0], args.ruler, RULER[2])
    rulesync = npm_cli(RULESYNC[0], args.rulesync, RULESYNC[2])
    hsync = str(Path(sys.executable).with_name("hsync"))
    compile_bytecode()
    scratch = Path(tempfile.mkdtemp(prefix="hsync-peers-"))
    figures: dict[str, list[Timing]] = {}
    written: dict[str, int] = {}
    try:
        source = scratch / "source"
        generate(source)
        for run in range(args.runs):
            # hsync
            root = scratch / f"hsync{run}"
            shutil.copytree(source, root, symlinks=True)
            project = root / "project"
            sync = [hsync, "--project", str(project), "sync", "-q"]
            for name in ("hsync full", "hsync no-op", "hsync cached no-op", "hsync steady no-op"):
                figures.setdefault(name, []).append(timed(sync, _env(root), project))
            written["hsync"] = count_files(root) - count_files(source)
            # ruler
            root = scratch / f"ruler{run}"
            project = ruler_tree(source, root)
            before = count_files(project)
            apply = [str(ruler), "apply", "--local-only", "--no-gitignore", "--no-backup", "--subagents"]
            apply += ["--agents", RULER_AGENTS]
            for name in ("ruler full", "ruler no-op"):
                figures.setdefault(name, []).append(timed(apply, _env(root), project))
            written["ruler"] = count_files(project) - before
            # rulesync
            root = scratch / f"rulesync{run}"
            project = rulesync_tree(source, root, rulesync)
            before = count_files(project)
            generate_all = [str(rulesync), "generate", "--targets", RULESYNC_TARGETS, "--features", "*", "-s"]
            for name in ("rulesync full", "rulesync no-op"):
                figures.setdefault(name, []).append(timed(generate_all, _env(root), project))
            written["rulesync"] = count_files(project) - before
            for tool in ("hsync", "ruler", "rulesync"):
                shutil.rmtree(scratch / f"{tool}{run}", ignore_errors=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    def median(name: str, field: str) -> float:
        return statistics.median(getattr(t, field) for t in figures[name])

    print(f"peers: {args.runs} runs interleaved, median; ruler {args.ruler}, rulesync {args.rulesync}")
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print("files written: " + ", ".join(f"{tool} {count}" for tool, count in written.items()))
    print(
        f"{'run':<20}{'wall s':>9}{'cpu s':>9}{'peak RSS':>10}{'exit':>6}{'/ hsync wall':>14}{'/ hsync cpu':>13}"
    )
    for name in figures:
        tool, _, kind = name.partition(" ")
        against = "hsync full" if kind == "full" else "hsync steady no-op"
        wall, cpu = median(name, "wall"), median(name, "cpu")
        rss = max(t.rss for t in figures[name]) / 1024
        codes = ",".join(sorted({str(t.code) for t in figures[name]}))
        ratio = (
            ""
            if tool == "hsync"
            else f"{wall / median(against, 'wall'):>14.2f}{cpu / median(against, 'cpu'):>13.2f}"
        )
        print(f"{name:<20}{wall:>9.3f}{cpu:>9.3f}{rss:>9.1f}M{codes:>6}{ratio}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
