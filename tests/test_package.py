from __future__ import annotations

import ast
from pathlib import Path

import tangkas

PACKAGE = Path(tangkas.__file__).parent
EDGES = {"cli", "web", "store", "batch"}
EDGE_LIBRARIES = {"fastapi", "starlette", "typer", "click", "duckdb", "psycopg", "dask", "uvicorn", "jinja2"}


def test_package_public_api_is_curated() -> None:
    assert sorted(tangkas.__all__) == tangkas.__all__
    for name in tangkas.__all__:
        assert getattr(tangkas, name) is not None, name


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_package_core_never_imports_edges() -> None:
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] in EDGES or relative.name == "__main__.py":
            continue
        for name in _imports(path):
            root = name.split(".")[0]
            assert root not in EDGE_LIBRARIES, f"{relative} imports {name}"
            assert not (root == "tangkas" and name.split(".")[1:2] and name.split(".")[1] in EDGES), (
                f"{relative} imports {name}"
            )


def test_package_never_reads_shared_folder() -> None:
    for path in PACKAGE.rglob("*.py"):
        assert "../shared" not in path.read_text(), path


def test_package_product_never_imports_evaluation() -> None:
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] in {"evaluation", "cli"}:
            continue
        assert not any(name.startswith("tangkas.evaluation") for name in _imports(path)), relative
