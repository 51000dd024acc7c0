"""collate: collate textual witnesses into a lossless TEI P5 critical apparatus.

>>> from collate import Witness, collate
>>> result = collate([Witness("A", "The cat sat."), Witness("B", "The dog sat.")])
>>> [r.text for r in result.apparatus.variant_locations[0].readings]
['cat', 'dog']

This module only names the public API. The stemma, heavy to import and needed only when
asked for, is loaded on first use of its names (PEP 562). No export takes the name of a
submodule, so `collate.tokenize`, `collate.normalize` and `collate.validate` are modules.
"""

from typing import TYPE_CHECKING

from . import notebook as _notebook  # noqa: F401 - registers how Jupyter shows a Collation
from ._version import __version__
from .apparatus import WHITESPACE_MODES, WhitespaceMode
from .engines import DEFAULT_ENGINE, ENGINE_NAMES, get_engine
from .errors import (
    AlignmentError,
    ApparatusFileError,
    CollateError,
    DuplicateSiglumError,
    InvalidApparatusError,
    InvalidNormalizationError,
    InvalidStemmaError,
    InvalidTokenPatternError,
    InvalidWitnessError,
    OutputError,
    TooFewWitnessesError,
    UnknownEngineError,
    UnknownFormatError,
    WitnessError,
)
from .formats import FORMATS, render
from .model import (
    Alignment,
    Apparatus,
    Collation,
    Reading,
    ReadingGroup,
    SharedText,
    Spacing,
    Token,
    TokenizedWitness,
    Transposition,
    VariantLocation,
    Witness,
)
from .normalize import UNICODE_FORMS, Normalization, UnicodeForm
from .output import same_file, write_atomic
from .pipeline import (
    ExtractedWitness,
    Progress,
    add_stemma,
    collate,
    collate_files,
    extract,
    run,
    write,
    write_stemma,
)
from .progress import counting_progress
from .tokenize import DEFAULT_PATTERN
from .validate import check_file as validate_file
from .witnesses import MAX_INPUT_BYTES, read_witness, read_witnesses, skipped_files

if TYPE_CHECKING:
    from .corpus.run import collate_corpus
    from .stemma import infer_stemma
    from .stemma.formats import render_stemma
    from .stemma.model import Stemma

#: names loaded on first use -> the module that defines them
_LAZY = {
    "collate_corpus": "collate.corpus.run",
    "Stemma": "collate.stemma.model",
    "infer_stemma": "collate.stemma.infer",
    "render_stemma": "collate.stemma.formats",
}

if not TYPE_CHECKING:  # hidden from type checkers, so that a misspelt name is still an error

    def __getattr__(name: str) -> object:
        if name not in _LAZY:
            raise AttributeError(f"module 'collate' has no attribute {name!r}")
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "__version__",
    "Alignment",
    "AlignmentError",
    "Apparatus",
    "ApparatusFileError",
    "Collation",
    "CollateError",
    "DEFAULT_ENGINE",
    "DEFAULT_PATTERN",
    "DuplicateSiglumError",
    "ENGINE_NAMES",
    "ExtractedWitness",
    "FORMATS",
    "InvalidApparatusError",
    "InvalidNormalizationError",
    "InvalidStemmaError",
    "InvalidTokenPatternError",
    "InvalidWitnessError",
    "MAX_INPUT_BYTES",
    "Normalization",
    "OutputError",
    "Progress",
    "Reading",
    "ReadingGroup",
    "SharedText",
    "Spacing",
    "Stemma",
    "Token",
    "TokenizedWitness",
    "TooFewWitnessesError",
    "Transposition",
    "UNICODE_FORMS",
    "WHITESPACE_MODES",
    "WhitespaceMode",
    "UnicodeForm",
    "UnknownEngineError",
    "UnknownFormatError",
    "VariantLocation",
    "Witness",
    "WitnessError",
    "add_stemma",
    "collate",
    "collate_corpus",
    "collate_files",
    "counting_progress",
    "extract",
    "get_engine",
    "infer_stemma",
    "read_witness",
    "read_witnesses",
    "render",
    "render_stemma",
    "run",
    "same_file",
    "skipped_files",
    "validate_file",
    "write",
    "write_atomic",
    "write_stemma",
]
