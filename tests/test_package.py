from __future__ import annotations

import ast
from pathlib import Path

import tangkas

PACKAGE = Path(tangkas.__file__).parent
EDGES = {"cli", "web", "store", "batch"}
SERVICES = "services"
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


def _layer(relative: Path) -> str:
    top = relative.parts[0] if len(relative.parts) > 1 else ""
    return "edge" if top in EDGES else "services" if top == SERVICES else "core"


def _tangkas_part(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if parts[0] == "tangkas" and len(parts) > 1 else None


def _modules() -> list[tuple[Path, str]]:
    return [
        (path.relative_to(PACKAGE), _layer(path.relative_to(PACKAGE)))
        for path in PACKAGE.rglob("*.py")
        if path.name != "__main__.py"
    ]


def test_package_core_never_imports_edges() -> None:
    for relative, layer in _modules():
        if layer != "core":
            continue
        for name in _imports(PACKAGE / relative):
            assert name.split(".")[0] not in EDGE_LIBRARIES, f"{relative} imports {name}"
            part = _tangkas_part(name)
            assert part not in EDGES and part != SERVICES, f"{relative} imports {name}"


def test_package_services_import_the_core_and_store_only() -> None:
    modules = [relative for relative, layer in _modules() if layer == "services"]
    assert Path("services/plans.py") in modules
    for relative in modules:
        for name in _imports(PACKAGE / relative):
            assert name.split(".")[0] not in EDGE_LIBRARIES, f"{relative} imports {name}"
            assert _tangkas_part(name) not in EDGES - {"store"}, f"{relative} imports {name}"


def test_package_store_never_imports_services_or_other_edges() -> None:
    for relative, _ in _modules():
        if relative.parts[0] != "store":
            continue
        for name in _imports(PACKAGE / relative):
            part = _tangkas_part(name)
            assert part not in EDGES - {"store"} and part != SERVICES, f"{relative} imports {name}"


def _store_internals(source: str) -> set[str]:
    """The functions of a module that touch ``store.lock`` or ``store.backend``."""
    found: set[str] = set()
    for function in ast.walk(ast.parse(source)):
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(function):
                if isinstance(node, ast.Attribute) and node.attr in ("lock", "backend"):
                    found.add(function.name)
    return found


def test_package_web_leaves_sql_and_locking_to_the_store() -> None:
    assert _store_internals("def f(store):\n    with store.lock:\n        pass\n") == {"f"}
    for path in (PACKAGE / "web").rglob("*.py"):
        assert not _store_internals(path.read_text()), path.name


def test_package_never_reads_shared_folder() -> None:
    for path in PACKAGE.rglob("*.py"):
        assert "../shared" not in path.read_text(), path


def test_package_product_never_imports_evaluation() -> None:
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] in {"evaluation", "cli"}:
            continue
        assert not any(name.startswith("tangkas.evaluation") for name in _imports(path)), relative
