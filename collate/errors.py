"""Named exceptions. Every message is one line a user can act on."""

from __future__ import annotations


class CollateError(Exception):
    """Base class: anything collate reports to a user as a one-line error."""


class WitnessError(CollateError):
    """A witness could not be read: missing, empty, binary, undecodable or unreadable."""


class DuplicateSiglumError(WitnessError):
    """Two inputs would get the same siglum."""


class TooFewWitnessesError(WitnessError):
    """Collation needs at least two witnesses."""


class UnknownEngineError(CollateError):
    """No collation engine has that name."""


class UnknownFormatError(CollateError):
    """No writer or reader for that output or input format."""


class AlignmentError(CollateError):
    """An engine returned an alignment that breaks the alignment invariants."""


class OutputError(CollateError):
    """The output could not be written."""


class ApparatusFileError(CollateError):
    """A TEI apparatus file could not be read, or does not hold what was asked of it."""
