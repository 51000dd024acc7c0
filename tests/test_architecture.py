"""The package's shape, read from its source: imports run one way (no cycle), the model
stays at the bottom, the stemma loads only when asked for, exports shadow no submodule
and the CLI uses only public names."""

from __future__ import annotations

import ast
import dataclasses
import importlib
import pkgutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import collate

from .conftest import ROOT

PACKAGE = ROOT / "collate"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imported_modules(name: str) -> Iterator[str]:
    """Every collate module `name` imports anywhere in its source (at the top, inside
    functions and under TYPE_CHECKING alike): `from X import y` counts as importing
    X.y when that is a module, else X."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names if a.name.split(".")[0] == "collate")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "collate":
                continue
            for alias in node.names:
                submodule = f"{target}.{alias.name}"
                yield submodule if submodule in MODULES else target


def import_graph() -> dict[str, set[str]]:
    graph = {name: set(imported_modules(name)) - {name} for name in MODULES}
    unknown = {(a, b) for a, targets in graph.items() for b in targets if b not in MODULES}
    assert not unknown, f"imports of modules that do not exist: {sorted(unknown)}"
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle in the graph, as the list of modules along it, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                return path[path.index(target) :] + [target]
            if target not in state:
                found = visit(target)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state:
            found = visit(start)
            if found:
                return found
    return None


def test_the_import_graph_has_no_cycle() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, " -> ".join(cycle or [])


def test_the_cycle_finder_finds_a_cycle() -> None:
    """The check above could pass by finding nothing; here it must find one."""
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycle(graph) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None
    assert "collate.pipeline" in import_graph()["collate"]


MODEL_LAYER = {"collate.errors", "collate.records", "collate.model", "collate.stemma.model"}


@pytest.mark.parametrize("name", sorted(MODEL_LAYER))
def test_the_model_layer_imports_nothing_of_ours_above_it(name: str) -> None:
    """The data model, its errors and the frozen records it is made of sit at the
    bottom: they import only each other (a collation may hold a stemma)."""
    assert set(imported_modules(name)) <= MODEL_LAYER
    assert set(imported_modules("collate.errors")) == set()


@pytest.mark.parametrize("name", sorted(MODEL_LAYER - {"collate.errors", "collate.records"}))
def test_the_model_is_frozen(name: str) -> None:
    """No stage can change what it is handed: every class of the model is a frozen
    dataclass (and holds tuples, not lists)."""
    module = importlib.import_module(name)
    classes = [c for c in vars(module).values() if isinstance(c, type) and c.__module__ == name]
    assert classes
    for cls in classes:
        if issubclass(cls, Exception):
            continue
        assert dataclasses.is_dataclass(cls) and cls.__dataclass_params__.frozen, cls  # type: ignore[attr-defined]
        for field in dataclasses.fields(cls):
            assert "list[" not in str(field.type) and "dict[" not in str(field.type), field


def loaded_by(statement: str) -> set[str]:
    """The collate modules a fresh interpreter has loaded after `statement`."""
    script = f"{statement}\nimport sys\nprint(' '.join(m for m in sys.modules if 'collate' in m))"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return set(result.stdout.split())


def test_importing_collate_or_its_cli_loads_no_stemma_or_corpus_module() -> None:
    """Not even when a collation's functions are looked up: only when asked for."""
    for statement in ("import collate\ncollate.run", "import collate.cli\nfrom collate import run"):
        loaded = loaded_by(statement)
        assert "collate.pipeline" in loaded  # the check sees what is loaded
        heavy = {m for m in loaded if m.startswith(("collate.stemma", "collate.corpus"))}
        assert not heavy, statement


def test_importing_collate_loads_no_stage_until_one_is_used() -> None:
    """The package names its exports and loads each stage on first use, so that a
    command loads only what it runs (`collate --help` no engine, no reader)."""
    stages = ("collate.pipeline", "collate.engines", "collate.witnesses", "collate.formats")
    assert not set(stages) & loaded_by("import collate")
    help_loads = loaded_by("from collate.cli import app")
    assert "collate.cli" in help_loads and "collate.pipeline" not in help_loads
    assert "collate.validate" not in loaded_by("import collate\ncollate.run")
    assert "collate.validate" in loaded_by("import collate\ncollate.validate_file")
    assert "collate.stemma.infer" in loaded_by("import collate\ncollate.infer_stemma")
    assert "collate.corpus.run" in loaded_by("import collate\ncollate.collate_corpus")


def test_exports_shadow_no_submodule() -> None:
    submodules = {m.name for m in pkgutil.iter_modules([str(PACKAGE)])}
    assert {"validate", "tokenize", "normalize"} <= submodules
    assert not submodules & set(collate.__all__)
    for name in ("validate", "tokenize", "normalize"):
        assert type(getattr(collate, name)) is type(collate)
    assert callable(collate.validate.check_document) and callable(collate.tokenize.tokenize)


def test_every_public_name_exists() -> None:
    for name in collate.__all__:
        assert getattr(collate, name) is not None, name
    with pytest.raises(AttributeError):
        collate.no_such_name  # type: ignore[attr-defined]  # noqa: B018


@pytest.mark.parametrize("front", ["cli.py", "cli_plain.py"])
def test_the_cli_uses_only_public_names(front: str) -> None:
    """The command line (click's part, and the plain run without click) is a front end
    over the library's public names; click's part imports the plain part's too."""
    tree = ast.parse((PACKAGE / front).read_text(encoding="utf-8"))
    imported = [n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level]
    assert imported
    for node in imported:
        if front == "cli.py" and node.module == "cli_plain":
            continue
        assert node.module is None, f"the CLI imports collate.{node.module}"
        for alias in node.names:
            assert alias.name in collate.__all__, alias.name
