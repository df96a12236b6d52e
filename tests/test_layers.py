"""The arrows of ``hsync_core`` point down: each room imports only rooms below it (see
docs/architecture.md), nothing imports the CLI, and no two modules import each other."""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parent.parent / "hsync_core"

#: rooms from the bottom up; a module may import modules of its own room or of a lower one
LAYERS: list[set[str]] = [
    {"kinds", "errors", "entrypoints"},
    {"files"},
    {"config"},
    {"models"},
    {"hookspecs", "store", "rendering"},
    {"sources", "plugins", "planning"},
    {"writing", "recording", "rendering.dispatch"},
    {"engine"},
    {"operations", "testing", "scaffold"},
    {"daemon"},
    {"integrations"},
    {"cli"},
]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(CORE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def room(module: str) -> str:
    rest = module.removeprefix("hsync_core.")
    names = sorted((n for layer in LAYERS for n in layer), key=len, reverse=True)
    for name in names:  # the most specific room first (rendering.dispatch before rendering)
        if rest == name or rest.startswith(name + "."):
            return name
    raise AssertionError(f"{module} belongs to no room in LAYERS")


def rank(module: str) -> int:
    name = room(module)
    return next(i for i, layer in enumerate(LAYERS) if name in layer)


def _type_checking_only(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            return True
    return False


def imports() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in CORE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        found: set[str] = set()
        for node in ast.walk(tree):
            if _type_checking_only(node, parents):
                continue
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    target = ".".join([*base, node.module] if node.module else base)
                else:
                    target = node.module or ""
                candidates = [target, *(f"{target}.{a.name}" for a in node.names)]
            elif isinstance(node, ast.Import):
                candidates = [a.name for a in node.names]
            else:
                continue
            found |= {c for c in candidates if c in modules and c != name}
        graph[name] = found - {"hsync_core"}
    return graph


def test_every_import_points_down_or_stays_in_its_room():
    upward = [
        f"{a} -> {b}"
        for a, targets in imports().items()
        if a != "hsync_core"
        for b in targets
        if rank(b) > rank(a) or (rank(b) == rank(a) and room(a) != room(b))
    ]
    assert upward == []


def test_nothing_below_the_cli_imports_it():
    below = {a: targets for a, targets in imports().items() if a != "hsync_core" and room(a) != "cli"}
    assert [a for a, targets in below.items() if any(room(b) == "cli" for b in targets)] == []


def test_no_import_cycle():
    graph = imports()
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append([*path[path.index(nxt) :], nxt] if nxt in path else [node, nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for start in sorted(graph):
        if start not in state:
            visit(start, [start])
    assert cycles == []


def test_no_module_is_over_four_hundred_and_twenty_lines():
    long = {module_name(p): n for p in CORE.rglob("*.py") if (n := len(p.read_text().splitlines())) > 420}
    assert long == {}
