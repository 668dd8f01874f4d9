"""The layers point one way (README, Layout), read from the source with ast: no app is imported to check.

Every `import` counts, at the top of a module or inside a function: an import put off to dodge a
cycle is still a cycle. Imports under `if TYPE_CHECKING:` never run and are left out.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Lower numbers sit lower; a package may import its own layer's and lower ones', never a higher one's.
LAYERS = {
    "core": 0,
    "images": 1,
    "films": 2,
    "authors": 3,
    "articles": 4,
    "comments": 5,
    # The top layer composes the apps; its packages may use one another, without a cycle.
    "renderings": 6,
    "front": 6,
    "desk": 6,
    "demo": 6,
    "wordpress": 6,
    # Settings, the root URLconf, WSGI and ASGI: above everything they put together.
    "magazine": 7,
    # The benchmark drives the whole site from outside.
    "bench": 8,
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    found = {}
    for package in LAYERS:
        for path in sorted((ROOT / package).rglob("*.py")):
            found[_module_name(path)] = path
    return found


MODULES = _modules()


def _run_time_nodes(tree: ast.AST):
    """Every node but those under `if TYPE_CHECKING:`, which never run (annotations only)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            yield from (child for orelse in node.orelse for child in [orelse, *_run_time_nodes(orelse)])
            continue
        yield node
        yield from _run_time_nodes(node)


def _imported(module: str, path: Path) -> set[str]:
    """The modules of ours `module` imports (the module itself when a name comes from its package)."""
    is_package = path.name == "__init__.py"
    names = set()
    for node in _run_time_nodes(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                origin = ".".join(base + ([node.module] if node.module else []))
            else:
                origin = node.module
            for alias in node.names:
                # `from a import b` imports the module a.b when there is one, else a name from a.
                names.add(f"{origin}.{alias.name}" if f"{origin}.{alias.name}" in MODULES else origin)
    return {name for name in names if name.split(".")[0] in LAYERS}


def _graph() -> dict[str, set[str]]:
    return {module: _imported(module, path) for module, path in MODULES.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one node (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1 or node in graph.get(node, ()):
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def _package(module: str) -> str:
    return module.split(".")[0]


def test_every_top_level_package_has_a_layer():
    ours = {path.parent.name for path in ROOT.glob("*/__init__.py")} - {"tests"}

    assert ours == set(LAYERS)


def test_no_package_imports_a_higher_layer():
    upward = sorted(
        f"{module} imports {target}"
        for module, targets in _graph().items()
        for target in targets
        if LAYERS[_package(target)] > LAYERS[_package(module)]
    )

    assert upward == []


def test_no_import_cycle_between_packages():
    packages: dict[str, set[str]] = defaultdict(set)
    for module, targets in _graph().items():
        packages[_package(module)] |= {_package(target) for target in targets} - {_package(module)}

    assert _cycles(packages) == []


@pytest.mark.parametrize("package", sorted(LAYERS))
def test_no_import_cycle_between_the_modules_of_a_package(package):
    graph = {
        module: {target for target in targets if _package(target) == package and target != module}
        for module, targets in _graph().items()
        if _package(module) == package
    }

    assert _cycles(graph) == []
