"""collate: collate textual witnesses into a lossless TEI P5 critical apparatus.

>>> from collate import Witness, collate
>>> result = collate([Witness("A", "The cat sat."), Witness("B", "The dog sat.")])
>>> [r.text for r in result.apparatus.variant_locations[0].readings]
['cat', 'dog']

This module only names the public API. Every name but the errors and the version is
loaded on first use (PEP 562), so that a command, or a program, loads only the stages it
uses: `collate run` loads no validator and, for a table, no XML library; nothing loads
the stemma or the corpus stage until they are asked for. No export takes the name
of a submodule, so `collate.tokenize`, `collate.normalize` and `collate.validate` are
modules.
"""

from typing import TYPE_CHECKING

from . import _native  # noqa: F401 - first: the compiled build, where current (see there)
from . import notebook as _notebook  # noqa: F401 - registers how Jupyter shows a Collation
from ._version import __version__
from .errors import (
    AlignmentError,
    ApparatusFileError,
    CollateError,
    DuplicateSiglumError,
    InvalidApparatusError,
    InvalidNormalizationError,
    InvalidSchedulerError,
    InvalidStemmaError,
    InvalidTokenPatternError,
    InvalidWitnessError,
    OutputError,
    OutputIsFolderError,
    TooFewWitnessesError,
    UnknownBaseError,
    UnknownEngineError,
    UnknownFormatError,
    UnknownOptionError,
    WitnessError,
)

if TYPE_CHECKING:
    from .apparatus import WHITESPACE_MODES, WhitespaceMode
    from .corpus.run import collate_corpus
    from .engines import DEFAULT_ENGINE, ENGINE_NAMES, get_engine
    from .formats import FORMATS, render
    from .model import (
        Alignment,
        Apparatus,
        Collation,
        Edition,
        Equivalence,
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
    from .orthography import near_spelling
    from .output import same_file, write_atomic
    from .pipeline import (
        ExtractedWitness,
        Progress,
        add_stemma,
        collate,
        collate_files,
        extract,
        load_project,
        run,
        write,
        write_stemma,
    )
    from .progress import counting_progress
    from .project import Project, ProjectError, read_project
    from .rules import Rule, Rules, RulesError, parse_rules, read_rules
    from .stemma import infer_stemma
    from .stemma.formats import render_stemma
    from .stemma.model import Stemma
    from .tokenize import DEFAULT_PATTERN
    from .validate import check_file as validate_file
    from .witnesses import MAX_INPUT_BYTES, read_witness, read_witnesses, skipped_files

#: the module that defines each name loaded on first use, by the modules' order of layers
_MODULE_OF = {
    **dict.fromkeys(
        (
            "Alignment",
            "Apparatus",
            "Collation",
            "Edition",
            "Equivalence",
            "Reading",
            "ReadingGroup",
            "SharedText",
            "Spacing",
            "Token",
            "TokenizedWitness",
            "Transposition",
            "VariantLocation",
            "Witness",
        ),
        "collate.model",
    ),
    **dict.fromkeys(("Rule", "Rules", "RulesError", "parse_rules", "read_rules"), "collate.rules"),
    **dict.fromkeys(("UNICODE_FORMS", "Normalization", "UnicodeForm"), "collate.normalize"),
    "DEFAULT_PATTERN": "collate.tokenize",
    **dict.fromkeys(("WHITESPACE_MODES", "WhitespaceMode"), "collate.apparatus"),
    **dict.fromkeys(("DEFAULT_ENGINE", "ENGINE_NAMES", "get_engine"), "collate.engines"),
    **dict.fromkeys(("FORMATS", "render"), "collate.formats"),
    "near_spelling": "collate.orthography",
    **dict.fromkeys(("same_file", "write_atomic"), "collate.output"),
    "counting_progress": "collate.progress",
    **dict.fromkeys(
        ("MAX_INPUT_BYTES", "read_witness", "read_witnesses", "skipped_files"),
        "collate.witnesses",
    ),
    **dict.fromkeys(("Project", "ProjectError", "read_project"), "collate.project"),
    **dict.fromkeys(
        (
            "ExtractedWitness",
            "Progress",
            "load_project",
            "add_stemma",
            "collate",
            "collate_files",
            "extract",
            "run",
            "write",
            "write_stemma",
        ),
        "collate.pipeline",
    ),
    "validate_file": "collate.validate",
    "collate_corpus": "collate.corpus.run",
    "Stemma": "collate.stemma.model",
    "infer_stemma": "collate.stemma.infer",
    "render_stemma": "collate.stemma.formats",
}
#: names exported under another name than their module gives them
_DEFINED_AS = {"validate_file": "check_file"}

if not TYPE_CHECKING:  # hidden from type checkers, so that a misspelt name is still an error

    def __getattr__(name: str) -> object:
        if name not in _MODULE_OF:
            raise AttributeError(f"module 'collate' has no attribute {name!r}")
        import importlib

        module = importlib.import_module(_MODULE_OF[name])
        value = getattr(module, _DEFINED_AS.get(name, name))
        globals()[name] = value
        return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_MODULE_OF))


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
    "Edition",
    "Equivalence",
    "ENGINE_NAMES",
    "ExtractedWitness",
    "FORMATS",
    "InvalidApparatusError",
    "InvalidNormalizationError",
    "InvalidSchedulerError",
    "InvalidStemmaError",
    "InvalidTokenPatternError",
    "InvalidWitnessError",
    "MAX_INPUT_BYTES",
    "Normalization",
    "OutputError",
    "OutputIsFolderError",
    "Progress",
    "Project",
    "ProjectError",
    "Reading",
    "ReadingGroup",
    "Rule",
    "Rules",
    "RulesError",
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
    "UnknownBaseError",
    "UnknownEngineError",
    "UnknownFormatError",
    "UnknownOptionError",
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
    "load_project",
    "read_project",
    "near_spelling",
    "parse_rules",
    "read_rules",
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
