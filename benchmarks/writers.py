"""CPU seconds of output writers, this tree's against another tree's, on one collation
made once, alternately, best of N; the two texts must be the same.

    python -m benchmarks.writers ../shared/corpora/darwin-origin /tmp/old-checkout tsv csv text json

A stage profile, labelled as such: the whole command is `benchmarks.whole_command`.
"""

from __future__ import annotations

import gc
import importlib
import importlib.util
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from collate.model import Collation
from collate.pipeline import collate
from collate.witnesses import read_witnesses

#: the modules a writer reads its rows from, loaded from the other tree with it
_HELPERS = {"csv": ("tsv",), "text": ("tsv",)}


def _load(tree: Path, name: str, alias: str) -> ModuleType:
    """A format module of another tree, as a module of its own beside this tree's."""
    spec = importlib.util.spec_from_file_location(
        f"collate.formats.{alias}", tree / "collate" / "formats" / f"{name}.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _other(tree: Path, name: str) -> ModuleType:
    module = _load(tree, name, f"{name}_other")
    for helper in _HELPERS.get(name, ()):
        # what the writer imported from this tree's helper, taken from the other's
        other_helper = _load(tree, helper, f"{helper}_other_for_{name}")
        for attribute in ("rows", "blocks", "header"):
            if hasattr(module, attribute) and hasattr(other_helper, attribute):
                setattr(module, attribute, getattr(other_helper, attribute))
        if hasattr(module, helper):
            setattr(module, helper, other_helper)
    return module


def _time(module: ModuleType, collation: Collation) -> tuple[float, str]:
    gc.collect()
    start = time.process_time()
    text = "".join(module.chunks(collation))
    return time.process_time() - start, text


def main(argv: Sequence[str]) -> None:
    folder, tree, *names = argv
    gc.disable()  # as `collate.cli.main` sets it
    collation = collate(read_witnesses([folder], None, 10**10), jobs=1)
    for name in names:
        other, this = _other(Path(tree), name), importlib.import_module(f"collate.formats.{name}")
        seconds: dict[str, list[float]] = {"other": [], "this": []}
        for _ in range(3):
            other_seconds, expected = _time(other, collation)
            this_seconds, text = _time(this, collation)
            if text != expected:
                raise SystemExit(f"{name}: the two trees write different text")
            seconds["other"].append(other_seconds)
            seconds["this"].append(this_seconds)
        print(
            f"{name:6} other tree {min(seconds['other']):.3f}-{max(seconds['other']):.3f} s, "
            f"this tree {min(seconds['this']):.3f}-{max(seconds['this']):.3f} s (CPU; same text)",
            flush=True,
        )


if __name__ == "__main__":
    main(sys.argv[1:])
