"""The house rules a newcomer can rely on, checked on every run of the suite.

- No module in ``src/`` over 500 lines, no function over 60 lines: a room you can read
  top to bottom. A function counts from its first decorator to its last line.
- The core never imports the presentation layer: ``typer``, ``rich``, ``asplan.cli`` and
  ``asplan.reporters`` are imported only from ``asplan.cli`` and ``asplan.reporters`` (and from
  ``asplan.__main__``, the entry point that starts the CLI). The import may be lazy,
  inside a function: it counts all the same.

There is no allow-list: the last modules and functions over the limits were split in
issue 13, so a new one fails here until it is split too.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 60
PRESENTATION = ("typer", "rich", "asplan.cli", "asplan.reporters")
MAY_IMPORT_PRESENTATION = ("asplan.cli", "asplan.reporters", "asplan.__main__")


def _modules() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py") if "egg-info" not in p.as_posix())


def _name(path: Path) -> str:
    return path.relative_to(SRC).as_posix()


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _functions(tree: ast.AST, prefix: str = "") -> Iterator[tuple[str, int]]:
    """(qualified name, length in lines) of every function, methods and nested ones included."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            assert node.end_lineno is not None
            yield f"{prefix}{node.name}", node.end_lineno - start + 1
            yield from _functions(node, f"{prefix}{node.name}.")
        elif isinstance(node, ast.ClassDef):
            yield from _functions(node, f"{prefix}{node.name}.")
        else:
            yield from _functions(node, prefix)


def _sizes() -> dict[str, int]:
    """Every module's line count and every function's: "path" for a module, "path:function" for a function."""
    sizes: dict[str, int] = {}
    for path in _modules():
        text = path.read_text(encoding="utf-8")
        sizes[_name(path)] = len(text.splitlines())
        for qualname, length in _functions(ast.parse(text)):
            sizes[f"{_name(path)}:{qualname}"] = length
    return sizes


def _limit(key: str) -> int:
    return MAX_FUNCTION_LINES if ":" in key else MAX_MODULE_LINES


def test_no_module_or_function_over_its_limit() -> None:
    too_big = []
    for key, size in _sizes().items():
        ceiling = _limit(key)
        if size > ceiling:
            kind = "function" if ":" in key else "module"
            too_big.append(f"{key}: {size} lines, a {kind} may have {ceiling}")
    assert not too_big, "split these (docs/architecture.md says where things belong):\n" + "\n".join(too_big)


def _imports(tree: ast.AST) -> Iterator[tuple[int, str]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module is not None and node.level == 0:
            yield node.lineno, node.module


def _is_under(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


@pytest.mark.parametrize("path", _modules(), ids=_name)
def test_the_core_does_not_import_the_presentation_layer(path: Path) -> None:
    module = _module_name(path)
    if any(_is_under(module, allowed) for allowed in MAY_IMPORT_PRESENTATION):
        return
    bad = [
        f"{_name(path)}:{line}: imports {name}"
        for line, name in _imports(ast.parse(path.read_text(encoding="utf-8")))
        if any(_is_under(name, banned) for banned in PRESENTATION)
    ]
    assert not bad, "the core returns data; the CLI and reporters print it:\n" + "\n".join(bad)


def test_the_guard_sees_what_it_guards() -> None:
    # A guard that finds nothing to measure passes vacuously: make sure it reads the tree.
    sizes = _sizes()
    assert sizes["asplan/checker.py"] > 50
    assert "asplan/checker.py:check_file" in sizes
    names = {name for path in _modules() for _, name in _imports(ast.parse(path.read_text(encoding="utf-8")))}
    assert "typer" in names and "asplan.cli.app" in names
    assert not _is_under("asplan.clients", "asplan.cli")
