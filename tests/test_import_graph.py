"""The import graph of ``src/asplan`` has no cycle, lazy (function-level) imports included.

A cycle such as ``rules -> agenda -> checker -> rules`` makes every module of it
depend on import order, and keeps the core from being read (or reused) in layers:
``asplan.plan_source`` reads plans for every command and must not depend back on
the modules that compute from them.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"


def _modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for path in sorted(SRC.rglob("*.py")):
        name = ".".join(path.relative_to(SRC).with_suffix("").parts)
        found[name.removesuffix(".__init__")] = path
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        text = path.read_text(encoding="utf-8")
        edges: set[str] = set()
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("asplan"):
                edges.add(node.module)
                edges.update(f"{node.module}.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.Import):
                edges.update(alias.name for alias in node.names)
        if name in ("asplan.rules.registry", "asplan.rules.portfolio"):  # they import rule modules by name
            edges.update(f"asplan.rules.{m}" for m in re.findall(r'"(asp\d{3}_\w+)"', text))
        graph[name] = {e for e in edges if e in modules and e != name}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_graph_sees_lazy_imports() -> None:
    graph = _graph()
    assert "asplan.plan_source" in graph["asplan.checker"]
    assert "asplan.agenda" in graph["asplan.rules.asp301_review_overdue"]
    assert "asplan.rules.registry" in graph["asplan.plan_source"]  # imported inside a function
    assert "asplan.rules.asp201_unknown_person" in graph["asplan.rules.registry"]
    assert "asplan.rules.asp204_account_id_taken" in graph["asplan.rules.portfolio"]


def test_no_import_cycle() -> None:
    assert _cycles(_graph()) == []


def test_a_cycle_would_be_found() -> None:
    graph = _graph()
    graph["asplan.agenda"] = {*graph["asplan.agenda"], "asplan.checker"}  # what agenda.collect used to do
    cycles = _cycles(graph)
    assert any({"asplan.agenda", "asplan.checker", "asplan.rules.registry"} <= set(c) for c in cycles)
