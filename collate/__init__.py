"""collate: collate textual witnesses into a lossless TEI P5 critical apparatus.

>>> from collate import Witness, collate
>>> result = collate([Witness("A", "The cat sat."), Witness("B", "The dog sat.")])
>>> [r.text for r in result.apparatus.variant_locations[0].readings]
['cat', 'dog']
"""

__version__ = "0.1.0"

from .engines import DEFAULT_ENGINE, ENGINE_NAMES, get_engine
from .errors import (
    AlignmentError,
    ApparatusFileError,
    CollateError,
    DuplicateSiglumError,
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
from .normalize import Normalization, normalize
from .pipeline import (
    ExtractedWitness,
    add_stemma,
    collate,
    collate_files,
    extract,
    write,
    write_stemma,
)
from .stemma import Stemma, infer_stemma
from .tokenize import tokenize
from .validate import check_file as validate
from .witnesses import read_witness, read_witnesses

__all__ = [
    "__version__",
    "Alignment",
    "AlignmentError",
    "Apparatus",
    "ApparatusFileError",
    "Collation",
    "CollateError",
    "DEFAULT_ENGINE",
    "DuplicateSiglumError",
    "ENGINE_NAMES",
    "ExtractedWitness",
    "FORMATS",
    "Normalization",
    "OutputError",
    "Reading",
    "ReadingGroup",
    "SharedText",
    "Spacing",
    "Token",
    "TokenizedWitness",
    "TooFewWitnessesError",
    "Transposition",
    "UnknownEngineError",
    "UnknownFormatError",
    "VariantLocation",
    "Witness",
    "WitnessError",
    "Stemma",
    "add_stemma",
    "infer_stemma",
    "write_stemma",
    "collate",
    "collate_files",
    "extract",
    "get_engine",
    "normalize",
    "read_witness",
    "read_witnesses",
    "render",
    "tokenize",
    "validate",
    "write",
]
