"""The plain data passed between the pipeline's stages.

witnesses -> tokens -> alignment -> apparatus. Every class is a frozen dataclass that
checks its own invariants (raising a named error), so a stage can trust what it is
handed. This module imports nothing else of collate's but the errors.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from functools import partial
from itertools import chain
from operator import attrgetter, is_not, itemgetter
from typing import TYPE_CHECKING, Literal, get_args

from .errors import AlignmentError, InvalidApparatusError, InvalidWitnessError
from .records import cached, field, frozen

if TYPE_CHECKING:  # the stemma's own model imports nothing of ours but the errors either
    from .stemma.model import Stemma


def _named(sigla: tuple[str, ...], shown: int = 5) -> str:
    """A short list of sigla for a repr: a whole text's worth of them is no summary."""
    listed = ", ".join(sigla[:shown])
    return listed + (f", … ({len(sigla) - shown} more)" if len(sigla) > shown else "")


# --------------------------------------------------------------------------- tokens


@frozen
class Token:
    """A word or punctuation mark, with the whitespace after it and its normal form.

    `text + whitespace` over a witness's tokens gives the witness back exactly.
    """

    text: str
    whitespace: str
    #: the form used for matching (see `collate.normalize`)
    normal: str
    #: extra properties a token came with (CollateX JSON input); kept for the output
    properties: Mapping[str, object] = field(default_factory=dict, compare=False, hash=False)

    def __init__(
        self,
        text: str,
        whitespace: str,
        normal: str,
        properties: Mapping[str, object] | None = None,
    ) -> None:
        self.__dict__.update(
            text=text,
            whitespace=whitespace,
            normal=normal,
            properties={} if properties is None else properties,
        )

    @property
    def surface(self) -> str:
        """The token as it stands in the witness: CollateX JSON's `t`."""
        return self.text + self.whitespace


_TEXT_AND_WHITESPACE = attrgetter("text", "whitespace")
_READINGS = attrgetter("readings")
_SIGLA = attrgetter("sigla")
_FIRST = itemgetter(0)

# --------------------------------------------------------------------------- witnesses


@frozen
class Milestone:
    """A page, column or line break of a witness (a TEI transcription's `<pb/>`, `<cb/>`,
    `<lb/>`), or
    the start of one of its divisions, paragraphs or verse lines, which adds no text:
    it stands before the `position`-th character of the witness's
    text that is not whitespace (0-based), so that it keeps its place however the
    whitespace around it is written."""

    position: int
    #: "pb", "cb" or "lb"; or where a "div", "head", "p", "lg" or "l" begins
    unit: str
    #: the page, column or line number the transcription gives (`@n`)
    n: str | None = None
    #: for a division, head, paragraph, line group or verse line: where it ends, as the
    #: position of the first character after it that is not whitespace
    end: int | None = None
    #: the kind of division, line group and so on the transcription names (`@type`:
    #: "chapter", "stanza"), kept so the apparatus names it too
    type: str | None = None

    def __init__(
        self,
        position: int,
        unit: str,
        n: str | None = None,
        end: int | None = None,
        type: str | None = None,
    ) -> None:
        self.__dict__.update(position=position, unit=unit, n=n, end=end, type=type)


#: how much of the text a witness may keep (`Witness.extent`): lost leaves at its
#: beginning or end, only ever a part of the text, or all of it
EXTENTS = ("fragment", "excerpt", "whole")


@frozen
class Witness:
    """One version of the text, exactly as read from its source."""

    siglum: str
    text: str
    #: the file the text came from (its name only), if any
    source: str | None = None
    #: the encoding the source was decoded with, so `extract` can give back its bytes
    encoding: str = "utf-8"
    #: whether the source began with a byte-order mark (not part of `text`)
    bom: bool = False
    #: size in bytes and SHA-256 of the source as read, for provenance
    size: int | None = None
    sha256: str | None = None
    #: a date for the witness (ISO 8601) where its metadata gives one
    date: str | None = None
    #: what the witness is (a shelfmark, an edition), where a project file or the
    #: metadata gives it
    description: str | None = None
    #: how much of the text it keeps, where its metadata says (`collate.metadata`):
    #: "fragment" or "excerpt" (what it lacks before its first and after its last
    #: surviving text is lost, never omitted), or "whole" (it lacks nothing at its ends)
    extent: str | None = None
    #: its page and column breaks, where its transcription gives them
    milestones: tuple[Milestone, ...] = ()
    #: tokens the witness came with (CollateX JSON input), used instead of tokenising;
    #: a token with an empty normal form gets one from the normalisation in force
    tokens: tuple[Token, ...] | None = None

    def __init__(
        self,
        siglum: str,
        text: str,
        source: str | None = None,
        encoding: str = "utf-8",
        bom: bool = False,
        size: int | None = None,
        sha256: str | None = None,
        date: str | None = None,
        description: str | None = None,
        extent: str | None = None,
        milestones: tuple[Milestone, ...] = (),
        tokens: tuple[Token, ...] | None = None,
    ) -> None:
        self.__dict__.update(
            siglum=siglum,
            text=text,
            source=source,
            encoding=encoding,
            bom=bom,
            size=size,
            sha256=sha256,
            date=date,
            description=description,
            extent=extent,
            milestones=milestones,
            tokens=tokens,
        )
        self.__post_init__()

    def __repr__(self) -> str:
        start = self.text[:30] + ("…" if len(self.text) > 30 else "")
        source = f", source={self.source!r}" if self.source else ""
        return f"Witness({self.siglum!r}, {len(self.text):,} characters: {start!r}{source})"

    def __post_init__(self) -> None:
        if not self.siglum or self.siglum != self.siglum.strip():
            raise InvalidWitnessError(
                f"invalid siglum {self.siglum!r}: a siglum cannot be empty or begin or end "
                "with whitespace"
            )
        if self.extent is not None and self.extent not in EXTENTS:
            raise InvalidWitnessError(
                f"witness {self.siglum}: extent {self.extent!r} is not one of {', '.join(EXTENTS)}"
            )
        if self.tokens is not None and "".join(t.surface for t in self.tokens) != self.text:
            raise InvalidWitnessError(f"the tokens of {self.siglum} do not rebuild its text")


@frozen
class TokenizedWitness:
    """A witness and its tokens, which rebuild its text exactly."""

    witness: Witness
    tokens: tuple[Token, ...]

    def __init__(self, witness: Witness, tokens: tuple[Token, ...]) -> None:
        self.__dict__.update(witness=witness, tokens=tokens)
        self.__post_init__()

    def __post_init__(self) -> None:
        rebuilt = "".join(chain.from_iterable(map(_TEXT_AND_WHITESPACE, self.tokens)))
        if rebuilt != self.witness.text:
            raise InvalidWitnessError(f"tokens of {self.witness.siglum} do not rebuild its text")

    @classmethod
    def checked(cls, witness: Witness, tokens: tuple[Token, ...]) -> TokenizedWitness:
        """The witness with tokens already checked to rebuild its text: the tokeniser's
        one pass, which compared its pieces with the text (`collate.tokenize`), and
        those a worker process made and checked, made again here of the same words and
        whitespace (`collate.tokenize_parts`). The check, a join of the whole text, is
        not made twice."""
        made = cls.__new__(cls)
        made.__dict__.update(witness=witness, tokens=tokens)
        return made

    @property
    def siglum(self) -> str:
        """The witness's siglum."""
        return self.witness.siglum

    def __repr__(self) -> str:
        return f"TokenizedWitness({self.siglum!r}, {len(self.tokens):,} tokens)"


# --------------------------------------------------------------------------- alignment

Column = tuple[int | None, ...]


@frozen
class Transposition:
    """A passage that stands at two places in the alignment.

    The witnesses that have it at `first` lack it at `second` and the other way round;
    both are half-open ranges of alignment columns.
    """

    first: tuple[int, int]
    second: tuple[int, int]
    #: (column in `first`, column in `second`) pairs whose tokens are the same words of
    #: the passage: a moved passage cannot share columns with itself, so this records
    #: how it aligns with itself. Both sides strictly increase.
    links: tuple[tuple[int, int], ...] = ()

    def __init__(
        self,
        first: tuple[int, int],
        second: tuple[int, int],
        links: tuple[tuple[int, int], ...] = (),
    ) -> None:
        self.__dict__.update(first=first, second=second, links=links)
        self.__post_init__()

    def __post_init__(self) -> None:
        (a, b), (c, d) = self.first, self.second
        if not (0 <= a < b and 0 <= c < d and (b <= c or d <= a)):
            raise AlignmentError(f"transposition ranges {self.first} and {self.second} overlap")
        previous = (a - 1, c - 1)
        for link in self.links:
            here, there = link
            if not (a <= here < b and c <= there < d):
                raise AlignmentError(f"transposition link {link} lies outside its ranges")
            if here <= previous[0] or there <= previous[1]:
                raise AlignmentError(f"transposition links are out of order at {link}")
            previous = link


@frozen
class Alignment:
    """Per column, per witness: the index of that witness's token there, or None.

    Each witness's indices, read down the columns, are exactly 0, 1, ..., n-1: no token is
    lost, repeated or reordered, which is what makes every later view lossless.
    """

    witnesses: tuple[TokenizedWitness, ...]
    columns: tuple[Column, ...]
    transpositions: tuple[Transposition, ...] = ()
    #: the engine that made this alignment, for the record
    engine: str = ""

    def __init__(
        self,
        witnesses: tuple[TokenizedWitness, ...],
        columns: tuple[Column, ...],
        transpositions: tuple[Transposition, ...] = (),
        engine: str = "",
    ) -> None:
        self.__dict__.update(
            witnesses=witnesses, columns=columns, transpositions=transpositions, engine=engine
        )
        self.__post_init__()

    def __post_init__(self) -> None:
        if not self._well_formed():
            self._find_fault()
        for transposition in self.transpositions:
            for _, stop in (transposition.first, transposition.second):
                if stop > len(self.columns):
                    raise AlignmentError(f"transposition range ends past column {stop - 1}")

    def _well_formed(self) -> bool:
        """Whether every column has a cell per witness, some token, and each witness's
        tokens in order, all of them: checked a witness at a time, in C."""
        width, columns = len(self.witnesses), self.columns
        if any(len(column) != width for column in columns) or (None,) * width in columns:
            return False
        # a witness's cells down the columns, one witness at a time: `zip(*columns)`
        # would take one iterator per column, slow for a long text
        by_witness = (map(itemgetter(w), columns) for w in range(width))
        for tokenized, cells in zip(self.witnesses, by_witness, strict=True):
            present = tuple(filter(partial(is_not, None), cells))
            if present != tuple(range(len(tokenized.tokens))):
                return False
        return True

    def _find_fault(self) -> None:
        """Raise the first fault, column by column, with what it is."""
        width = len(self.witnesses)
        expected = [0] * width
        for number, column in enumerate(self.columns):
            if len(column) != width:
                raise AlignmentError(f"column {number} has {len(column)} cells, not {width}")
            if all(cell is None for cell in column):
                raise AlignmentError(f"column {number} is empty")
            for w, cell in enumerate(column):
                if cell is None:
                    continue
                if cell != expected[w]:
                    raise AlignmentError(
                        f"column {number}: witness {self.witnesses[w].siglum} has token "
                        f"{cell} where token {expected[w]} was due"
                    )
                expected[w] += 1
        for w, tokenized in enumerate(self.witnesses):
            if expected[w] != len(tokenized.tokens):
                raise AlignmentError(
                    f"witness {tokenized.siglum}: {len(tokenized.tokens) - expected[w]} "
                    "tokens were left out of the alignment"
                )

    @property
    def sigla(self) -> tuple[str, ...]:
        """The witnesses' sigla, in the order of the cells of each column."""
        return tuple(w.siglum for w in self.witnesses)

    def __repr__(self) -> str:
        return (
            f"Alignment({len(self.witnesses)} witnesses: {_named(self.sigla)}; "
            f"{len(self.columns):,} columns, {len(self.transpositions)} transpositions, "
            f"engine {self.engine or '?'})"
        )

    def tokens(self, column: int) -> tuple[Token | None, ...]:
        """The tokens standing in one column, one per witness (None for a gap)."""
        return tuple(
            None if cell is None else self.witnesses[w].tokens[cell]
            for w, cell in enumerate(self.columns[column])
        )


# --------------------------------------------------------------------------- apparatus

#: How the readings of one group differ from one another, mildest first. Readings that
#: share a normal form differ only in one of these ways. "encoding": the same characters,
#: written composed in one and decomposed in the other (NFC "é" against "e" + U+0301),
#: which look alike and which no reader would call a variant.
GroupType = Literal["encoding", "whitespace", "case", "punctuation", "orthographic"]
#: The group types, mildest first: where readings differ in several ways, the gravest
#: names the difference.
GROUP_SEVERITY: tuple[GroupType, ...] = get_args(GroupType)
#: What kind of variation a variant location shows.
LocationType = Literal[
    "substantive",
    "omission",
    "orthographic",
    "punctuation",
    "case",
    "whitespace",
    "encoding",
    "transposition",
    "lacuna",
]


@frozen
class Reading:
    """What some witnesses read at a variant location (empty for an omission)."""

    sigla: tuple[str, ...]
    text: str
    normal: str

    def __init__(self, sigla: tuple[str, ...], text: str, normal: str) -> None:
        self.__dict__.update(sigla=sigla, text=text, normal=normal)
        self.__post_init__()

    def __post_init__(self) -> None:
        if not self.sigla:
            raise InvalidApparatusError("a reading needs at least one witness")


@frozen
class Equivalence:
    """What made readings that are written differently one: an editor's normalisation
    rule, or the near-spelling measure (see `collate.orthography`)."""

    #: a stable name, usable as an XML id: "rule-2", "near-spelling", "function"
    name: str
    #: the rule as written, or the measure, for readers of the apparatus
    description: str

    def __init__(self, name: str, description: str) -> None:
        self.__dict__.update(name=name, description=description)


@frozen
class ReadingGroup:
    """Readings that share one normal form, so differ only in spelling, case and the like
    (or whose words are near spellings of one another, see `collate.orthography`)."""

    normal: str
    readings: tuple[Reading, ...]
    #: how the readings differ; None when the group holds one reading
    type: GroupType | None = None
    #: the rules or measure that made its readings one, where the editor's rules or the
    #: near-spelling measure did
    basis: tuple[Equivalence, ...] = ()

    def __init__(
        self,
        normal: str,
        readings: tuple[Reading, ...],
        type: GroupType | None = None,
        basis: tuple[Equivalence, ...] = (),
    ) -> None:
        self.__dict__.update(normal=normal, readings=readings, type=type, basis=basis)

    @cached  # (a location is immutable: worked out once, asked often)
    def sigla(self) -> tuple[str, ...]:
        """The witnesses of every reading in the group."""
        return tuple(chain.from_iterable(map(_SIGLA, self.readings)))


@frozen
class VariantLocation:
    """A place where the witnesses do not all read the same text."""

    number: int
    #: the half-open range of alignment columns it covers
    columns: tuple[int, int]
    groups: tuple[ReadingGroup, ...]
    type: LocationType
    #: the number of the variant location holding the same passage elsewhere, if moved
    transposed_with: int | None = None

    def __init__(
        self,
        number: int,
        columns: tuple[int, int],
        groups: tuple[ReadingGroup, ...],
        type: LocationType,
        transposed_with: int | None = None,
    ) -> None:
        self.__dict__.update(
            number=number,
            columns=columns,
            groups=groups,
            type=type,
            transposed_with=transposed_with,
        )

    # the readings and who reads what are asked for many times per location (by the
    # TEI, the report, the stemma and the absences alike): worked out once each
    @cached
    def readings(self) -> tuple[Reading, ...]:
        """Every reading at the location, group by group."""
        return tuple(chain.from_iterable(map(_READINGS, self.groups)))

    @cached
    def _by_siglum(self) -> dict[str, Reading]:
        found: dict[str, Reading] = {}
        for reading in self.readings:
            for siglum in reading.sigla:
                found.setdefault(siglum, reading)
        return found

    def reading_of(self, siglum: str) -> Reading:
        """The reading the witness has here (KeyError for an unknown siglum)."""
        return self._by_siglum[siglum]


@frozen
class Spacing:
    """Whitespace between two words of shared text that some witnesses write otherwise
    (a line break, a double space, a blank line): not a variant, but kept exactly.

    `SharedText.text` holds the most common whitespace at `offset` (`length` characters
    of it); each of `others` gives witnesses whose whitespace there is different, and
    what it is.
    """

    offset: int
    length: int
    others: tuple[tuple[tuple[str, ...], str], ...]

    def __init__(
        self, offset: int, length: int, others: tuple[tuple[tuple[str, ...], str], ...]
    ) -> None:
        self.__dict__.update(offset=offset, length=length, others=others)
        self.__post_init__()

    def __post_init__(self) -> None:
        if self.offset < 0 or self.length < 0 or not self.others:
            raise ValueError(f"invalid spacing at {self.offset}")
        for sigla, whitespace in self.others:
            if not sigla or whitespace.strip():
                raise ValueError(f"spacing at {self.offset} must give witnesses whitespace")

    def of(self, siglum: str) -> str | None:
        """The witness's own whitespace here, or None if it is the common one."""
        return self._own.get(siglum)

    @cached  # asked for each witness in turn: one look-up, not a scan of sigla
    def _own(self) -> dict[str, str]:
        own: dict[str, str] = {}
        for sigla, whitespace in self.others:
            for siglum in sigla:
                own.setdefault(siglum, whitespace)
        return own


@frozen
class SharedText:
    """Text every witness reads identically, up to the whitespace in `spacing`."""

    text: str
    #: where some witnesses' whitespace differs from `text`'s, in order of `offset`
    spacing: tuple[Spacing, ...] = ()

    def __init__(self, text: str, spacing: tuple[Spacing, ...] = ()) -> None:
        self.__dict__.update(text=text, spacing=spacing)
        self.__post_init__()

    def __post_init__(self) -> None:
        end = 0
        for point in self.spacing:
            if point.offset < end or point.offset + point.length > len(self.text):
                raise ValueError(f"spacing at {point.offset} overlaps or lies outside the text")
            if self.text[point.offset : point.offset + point.length].strip():
                raise ValueError(f"spacing at {point.offset} replaces more than whitespace")
            end = point.offset + point.length

    def text_of(self, siglum: str) -> str:
        """The text as the witness writes it, its own whitespace included."""
        if not self.spacing:
            return self.text
        parts: list[str] = []
        start = 0
        for point in self.spacing:
            own = point._own.get(siglum)  # (`point.of(siglum)`, less a call per point)
            if own is not None:
                parts += (self.text[start : point.offset], own)
                start = point.offset + point.length
        parts.append(self.text[start:])
        return "".join(parts)


Segment = SharedText | VariantLocation


@frozen
class Apparatus:
    """The whole collation as shared text and variant locations, in reading order."""

    witnesses: tuple[Witness, ...]
    segments: tuple[Segment, ...]
    engine: str = ""
    #: a description of the normalisation in force, for the record
    normalization: str = ""
    #: how differences in whitespace alone were kept: "spacing" (in the shared text,
    #: see `Spacing`) or "variants" (as variant locations); see `build_apparatus`
    whitespace: str = "spacing"

    def __init__(
        self,
        witnesses: tuple[Witness, ...],
        segments: tuple[Segment, ...],
        engine: str = "",
        normalization: str = "",
        whitespace: str = "spacing",
    ) -> None:
        self.__dict__.update(
            witnesses=witnesses,
            segments=segments,
            engine=engine,
            normalization=normalization,
            whitespace=whitespace,
        )
        self.__post_init__()

    def __post_init__(self) -> None:
        sigla = set(self.sigla)
        expected = sorted(sigla)
        # the witnesses of each reading, location by location: the same few patterns
        # (one witness against the others) make most locations, each checked once
        checked: set[tuple[tuple[str, ...], ...]] = set()
        for location in self.variant_locations:
            readings = tuple([r.sigla for group in location.groups for r in group.readings])
            try:
                if readings in checked:
                    continue
                checked.add(readings)  # (if refused, no other location is looked at)
            except TypeError:  # sigla given in lists, not tuples: checked every time
                pass
            _check_location(location, [s for sigla in readings for s in sigla], expected)
        for segment in self.segments:
            if isinstance(segment, SharedText):
                for point in segment.spacing:
                    if not all(map(sigla.issuperset, map(_FIRST, point.others))):
                        unknown = {s for group, _ in point.others for s in group} - sigla
                        raise ValueError(f"spacing names unknown witnesses {sorted(unknown)}")

    def retyped(self, segments: tuple[Segment, ...]) -> Apparatus:
        """The apparatus with `segments` in place of its own, where they are its own
        but for variant locations grouped or typed anew (`collate.orthography`,
        `collate.lacunae`): only those are checked, not every location again (a pass
        over them all, twice in every run). Any other segments are checked whole, as
        `Apparatus(...)` checks them."""
        if len(segments) == len(self.segments) and self._only_retyped(segments):
            made = Apparatus.__new__(Apparatus)
            made.__dict__.update(
                witnesses=self.witnesses,
                segments=segments,
                engine=self.engine,
                normalization=self.normalization,
                whitespace=self.whitespace,
            )
            return made
        return Apparatus(self.witnesses, segments, self.engine, self.normalization, self.whitespace)

    def _only_retyped(self, segments: tuple[Segment, ...]) -> bool:
        """Whether `segments` are this apparatus's own but for variant locations in place
        of its own, each of which names every witness once (else it is refused)."""
        expected = sorted(set(self.sigla))
        for new, old in zip(segments, self.segments, strict=True):
            if new is old:
                continue
            if not (isinstance(new, VariantLocation) and isinstance(old, VariantLocation)):
                return False
            named = [s for group in new.groups for r in group.readings for s in r.sigla]
            _check_location(new, named, expected)
        return True

    @property
    def sigla(self) -> tuple[str, ...]:
        """The witnesses' sigla, in siglum order."""
        return tuple(w.siglum for w in self.witnesses)

    @cached
    def variant_locations(self) -> tuple[VariantLocation, ...]:
        """The variant locations, in reading order (the segments without shared text)."""
        return tuple(s for s in self.segments if isinstance(s, VariantLocation))

    def witness(self, siglum: str) -> Witness:
        """The witness with this siglum (KeyError if there is none)."""
        for witness in self.witnesses:
            if witness.siglum == siglum:
                return witness
        raise KeyError(siglum)

    def iter_text(self, siglum: str) -> Iterator[str]:
        """A witness's text, segment by segment (see `text_of`)."""
        for segment in self.segments:
            if isinstance(segment, SharedText):
                yield segment.text_of(siglum)
            else:
                yield segment.reading_of(siglum).text

    def text_of(self, siglum: str) -> str:
        """A witness's text read back out of the apparatus (the lossless rule)."""
        self.witness(siglum)
        return "".join(
            [
                segment.text_of(siglum)
                if isinstance(segment, SharedText)
                else segment.reading_of(siglum).text
                for segment in self.segments
            ]
        )

    def __repr__(self) -> str:
        return (
            f"Apparatus({len(self.witnesses)} witnesses: {_named(self.sigla)}; "
            f"{len(self.variant_locations):,} variant locations in {len(self.segments):,} "
            f"segments, engine {self.engine or '?'})"
        )


def _check_location(location: VariantLocation, named: list[str], expected: list[str]) -> None:
    """Refuse a location that does not name each witness (`expected`, sorted) once."""
    if len(named) != len(expected) or sorted(named) != expected:
        raise InvalidApparatusError(
            f"variant location {location.number} names {sorted(named)}, not each of {expected} once"
        )


# --------------------------------------------------------------------------- collation


@frozen
class Edition:
    """How an editor presents the collation: its title and editors, the base witness
    whose readings are the lemmata, whether the TEI opens with a `<witStart/>`, and the
    sign the witnesses mark their lacunae with."""

    title: str | None = None
    editors: tuple[str, ...] = ()
    #: the siglum of the base witness (`<lem>` in the TEI; lemma ] variants)
    base: str | None = None
    wit_start: bool = False
    #: the sign by which the witnesses mark a lacuna (`collate.lacunae`): the TEI marks
    #: a reading that holds it with `<gap reason="lacuna"/>`, the report shows it as one
    lacuna_marker: str = "[...]"

    def __init__(
        self,
        title: str | None = None,
        editors: tuple[str, ...] = (),
        base: str | None = None,
        wit_start: bool = False,
        lacuna_marker: str = "[...]",
    ) -> None:
        self.__dict__.update(
            title=title,
            editors=editors,
            base=base,
            wit_start=wit_start,
            lacuna_marker=lacuna_marker,
        )


@frozen
class Collation:
    """Everything one run produces: the token alignment, the apparatus built on it and,
    when asked for, the witnesses' stemma."""

    alignment: Alignment
    apparatus: Apparatus
    stemma: Stemma | None = None
    edition: Edition = Edition()

    def __init__(
        self,
        alignment: Alignment,
        apparatus: Apparatus,
        stemma: Stemma | None = None,
        edition: Edition = edition,  # the field's default above: one Edition for all
    ) -> None:
        self.__dict__.update(
            alignment=alignment, apparatus=apparatus, stemma=stemma, edition=edition
        )

    @property
    def witnesses(self) -> tuple[Witness, ...]:
        """The witnesses collated, in siglum order."""
        return self.apparatus.witnesses

    def __repr__(self) -> str:
        apparatus = self.apparatus
        stemma = "" if self.stemma is None else f", {self.stemma!r}"
        return (
            f"Collation({len(apparatus.witnesses)} witnesses: {_named(apparatus.sigla)}; "
            f"{len(self.alignment.columns):,} columns, {len(apparatus.variant_locations):,} "
            f"variant locations, engine {apparatus.engine or '?'}{stemma})"
        )

    def _repr_html_(self) -> str | None:
        """How Jupyter shows a collation: by the view registered with `show_in_notebooks`
        (None, so plain text, if there is none)."""
        return _notebook_view[0](self) if _notebook_view else None


#: The registered notebook view. The model sits at the bottom of the package and imports
#: no output format, so the HTML view is registered from above (`collate.notebook`).
_notebook_view: list[Callable[[Collation], str]] = []


def show_in_notebooks(view: Callable[[Collation], str]) -> None:
    """Have Jupyter show every `Collation` as the HTML that `view` makes of it."""
    _notebook_view[:] = [view]
