"""The build's one step beyond pyproject.toml: the hot modules compiled with mypyc.

The modules named in `collate/_native.py` are compiled into `collate/_mypyc_<digest>/`,
the digest a hash of their sources, and imported from there only while the sources
still hash the same (see that module). Every compiled module is an optional extension:
where no C compiler is found, or mypyc fails, or COLLATE_PURE_PYTHON is set at install,
the package installs as pure Python and runs the same.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import shutil
import sys
from pathlib import Path
from typing import Any

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent
PACKAGE = ROOT / "collate"


def _native() -> Any:
    """collate/_native.py, read alone: importing the package needs its dependencies,
    which the build environment does not have."""
    spec = importlib.util.spec_from_file_location("_collate_native", PACKAGE / "_native.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses and the like look a module up there
    spec.loader.exec_module(module)
    return module


@functools.cache  # once a build, however often its commands are finalized
def extensions() -> list[Any]:
    native = _native()
    if not native.wanted():
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        print("collate: mypyc not found, installing the pure Python", file=sys.stderr)
        return []
    name = native.folder_name(native.digest(PACKAGE))
    for old in PACKAGE.glob("_mypyc_*"):  # builds of older sources: never loaded again
        if old.name != name and old.is_dir():
            shutil.rmtree(old)
    paths = [str(native.source(module, PACKAGE).relative_to(ROOT)) for module in native.COMPILED]
    try:
        built = mypycify(
            # The build environment has none of the runtime dependencies: their modules
            # are typed Any (values the compiled code passes on unchanged), and the
            # strictness set in pyproject.toml is the lint's business, not the build's.
            ["--config-file", os.devnull, "--ignore-missing-imports", *paths],
            group_name=f"collate.{name}.{native.LIBRARY}",
            opt_level="3",
        )
    except (Exception, SystemExit) as error:  # noqa: BLE001 - any failure: pure Python
        print(f"collate: mypyc failed ({error}), installing the pure Python", file=sys.stderr)
        return []
    for extension in built:
        if not extension.name.endswith("__mypyc"):
            # the compiled module beside its group, not beside (and before) its source
            extension.name = f"collate.{name}.{extension.name.removeprefix('collate.')}"
        (ROOT / Path(*extension.name.split(".")[:-1])).mkdir(parents=True, exist_ok=True)
        extension.optional = True
    return built


#: the commands that build the extensions (the backend names them on the command line)
_BUILDS = {"build", "build_ext", "bdist_wheel", "editable_wheel", "install", "develop"}


class _BuildExt(build_ext):
    """Compiles only when the extensions are built: the build backend runs this file,
    and finalizes this command, for the metadata as well, and mypyc takes a minute."""

    def finalize_options(self) -> None:
        if _BUILDS.intersection(sys.argv[1:]):
            self.distribution.ext_modules = extensions()
        super().finalize_options()


# a stand-in, so that the build knows it makes extensions (a platform wheel)
setup(
    ext_modules=[Extension("collate._mypyc", sources=[], optional=True)],
    cmdclass={"build_ext": _BuildExt},
)
