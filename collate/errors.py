"""Named exceptions. Every message is one line a user can act on.

Messages speak of the library's parameters, in backticks (`encoding`); the error's
`parameter` says which one, so a front end can name its own option instead (the CLI
says `--encoding`). Errors about bad values are ValueErrors too, as Python expects.
"""

from __future__ import annotations

from collections.abc import Mapping


class CollateError(Exception):
    """Base class: anything collate reports to a user as a one-line error."""

    def __init__(self, message: str, *, parameter: str | None = None) -> None:
        super().__init__(message)
        #: the parameter the message names (in backticks) as the way to fix the problem
        self.parameter = parameter

    def naming(self, options: Mapping[str, str]) -> str:
        """The message with its parameter called by the name a front end gives it
        (`options` maps parameter -> that name, e.g. "encoding" -> "--encoding")."""
        message = str(self)
        if self.parameter is None or self.parameter not in options:
            return message
        return message.replace(f"`{self.parameter}`", options[self.parameter])


class WitnessError(CollateError):
    """A witness could not be read: missing, empty, binary, undecodable or unreadable."""


class InvalidWitnessError(WitnessError, ValueError):
    """A witness breaks the model's rules: a blank or padded siglum, or tokens that do
    not rebuild its text."""


class DuplicateSiglumError(WitnessError):
    """Two inputs would get the same siglum."""


class UnknownBaseError(WitnessError, ValueError):
    """The base witness asked for is none of the witnesses: the request is wrong, not
    the witnesses (a command line's --base exits 2, as any bad option's value does)."""


class TooFewWitnessesError(WitnessError):
    """Collation needs at least two witnesses."""


class InvalidNormalizationError(CollateError, ValueError):
    """A normalisation setting has no such value (an unknown Unicode form)."""


class InvalidTokenPatternError(CollateError, ValueError):
    """The token pattern is not a regular expression."""


class UnknownEngineError(CollateError, ValueError):
    """No collation engine has that name."""


class UnknownFormatError(CollateError, ValueError):
    """No writer or reader for that output or input format."""


class UnknownOptionError(CollateError, TypeError):
    """An option the chosen output format does not take."""


class InvalidSchedulerError(CollateError, ValueError):
    """A Dask scheduler address that is no address (a down scheduler is no such error)."""


class AlignmentError(CollateError):
    """An engine returned an alignment that breaks the alignment invariants."""


class InvalidApparatusError(CollateError, ValueError):
    """An apparatus breaks its invariants: a reading of no witness, or a variant
    location that does not name every witness exactly once."""


class InvalidStemmaError(CollateError, ValueError):
    """A stemma breaks its invariants: unknown or repeated nodes, a cycle, a witness
    with two main exemplars, evidence out of range."""


class OutputError(CollateError):
    """The output could not be written."""


class OutputIsFolderError(OutputError, ValueError):
    """The output path names a folder, not a file to write: the request is wrong (a
    command line's -o exits 2)."""


class ApparatusFileError(CollateError):
    """A TEI apparatus file could not be read, or does not hold what was asked of it."""
