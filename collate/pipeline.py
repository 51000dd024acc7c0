"""The pipeline, composed: witnesses -> tokens -> alignment -> apparatus -> output.

These are the functions the CLI calls, and the ones a library user calls; `run` is the
whole job of the `collate run` command, checks first.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import formats
from .apparatus import WhitespaceMode, build_apparatus
from .digests import sha256_hex
from .engines import DEFAULT_ENGINE, Engine, get_engine, in_processes
from .errors import ApparatusFileError, OutputError, UnknownBaseError, WitnessError
from .lacunae import MARKER as LACUNA_MARKER
from .lacunae import type_lacunae
from .memory import check_memory
from .metadata import find_metadata, find_project
from .model import Alignment, Apparatus, Collation, Edition, TokenizedWitness, Witness
from .normalize import DEFAULT_NORMALIZATION, Normalization
from .orthography import type_spellings
from .output import check_writable, same_file, write_all_atomic, write_atomic
from .own_outputs import with_record
from .parallel import CHARACTERS_PER_TOKEN, choose_jobs, writing_in
from .records import frozen, replace
from .tokenize import DEFAULT_PATTERN, check_token_pattern
from .tokenize_parts import tokenize_in_parts
from .witnesses import MAX_INPUT_BYTES, check_witnesses, read_witnesses, witness_paths

if TYPE_CHECKING:
    from .project import Project
    from .stemma.model import Stemma

#: Told the name of each stage as it starts; the CLI shows it, the library never prints.
Progress = Callable[[str], None]


def _silent(stage: str) -> None:
    pass


def collate(
    witnesses: Sequence[Witness],
    *,
    engine: str = DEFAULT_ENGINE,
    normalization: Normalization = DEFAULT_NORMALIZATION,
    pattern: str = DEFAULT_PATTERN,
    whitespace: WhitespaceMode = "spacing",
    progress: Progress = _silent,
    edition: Edition | None = None,
    jobs: int | None = None,
    spellings: bool = True,
) -> Collation:
    """Tokenise, align and build the apparatus of the witnesses (in siglum order);
    `whitespace="variants"` makes differences in whitespace alone variant locations.
    `edition` gives the title, editors and base witness the outputs show. `jobs`: the
    processes to work in where the work splits (1: this one alone; None or 0: chosen
    by the size of the text and the idle cores, see `collate.parallel`); the
    collation is the same for any number. `spellings=False` leaves near spellings
    ungrouped and untyped (`collate.orthography`): for a caller that wants only the
    stemma, which reads each witness's reading and no group or type."""
    check_witnesses(witnesses)  # before sorting: anything but witnesses has no siglum
    ordered = sorted(witnesses, key=lambda w: (w.siglum, w.source or ""))
    edition = edition or Edition()
    if edition.base is not None and edition.base not in {w.siglum for w in ordered}:
        raise UnknownBaseError(
            f"the `base` {edition.base!r} is no witness's siglum (the sigla are: "
            f"{', '.join(w.siglum for w in ordered)})",
            parameter="base",
        )
    aligner = get_engine(engine)
    check_memory(ordered, pattern)
    jobs = choose_jobs(jobs, sum(map(len, (w.text for w in ordered))) // CHARACTERS_PER_TOKEN)
    progress(f"tokenising {len(ordered)} witnesses")
    tokenized = tokenize_in_parts(ordered, normalization, pattern, jobs)
    progress(f"aligning {sum(len(w.tokens) for w in tokenized):,} tokens with {aligner.name}")
    alignment = align(aligner, tokenized, jobs)
    progress("building the apparatus")
    # in one process whatever `jobs` says: the stretches a worker builds come back as
    # objects that take as long to read back here as to make, and only the segments
    # split (not the grid and units before them), so a second process saved nothing
    # on the *Origin* (`collate.apparatus_parts`; benchmarks/README.md, "processes,
    # balanced")
    apparatus = build_apparatus(alignment, normalization.describe(), whitespace)
    if spellings:
        apparatus = type_spellings(apparatus, alignment, normalization, pattern)
    apparatus = type_lacunae(apparatus, edition.lacuna_marker)
    return Collation(alignment, apparatus, edition=edition)


def align(aligner: Engine, tokenized: Sequence[TokenizedWitness], jobs: int) -> Alignment:
    """The engine's alignment, in `jobs` processes where the engine can work in several
    (`collate.engines.in_processes`)."""
    return in_processes(aligner, jobs).align(tokenized)


def collate_files(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    encoding: str | None = None,
    max_bytes: int = MAX_INPUT_BYTES,
    engine: str = DEFAULT_ENGINE,
    normalization: Normalization = DEFAULT_NORMALIZATION,
    pattern: str = DEFAULT_PATTERN,
    whitespace: WhitespaceMode = "spacing",
    progress: Progress = _silent,
    metadata: Sequence[str | os.PathLike[str]] = (),
    jobs: int | None = None,
) -> Collation:
    """`collate` on the witnesses read from folders and files (TEI, CollateX JSON, text),
    with their metadata (`witnesses.csv` in a folder, or the `metadata` files)."""
    progress("reading witnesses")
    witnesses = read_witnesses(inputs, encoding, max_bytes, metadata)
    return collate(
        witnesses,
        engine=engine,
        normalization=normalization,
        pattern=pattern,
        whitespace=whitespace,
        progress=progress,
        jobs=jobs,
    )


def check_output_path(
    output: str | os.PathLike[str],
    inputs: Iterable[str | os.PathLike[str]],
    others: Iterable[tuple[str, str | os.PathLike[str]]] = (),
) -> None:
    """Refuse to write over one of the witness files, or over another file the run reads
    (`others`: what it is, and its path), such as the metadata, the project or the rules
    file: a scholar's dates and rules are as hard to make again as a witness. Through a
    link, hard or symbolic, too."""
    for source in witness_paths(inputs):
        if same_file(source, output):
            raise OutputError(f"{output}: the output would overwrite the witness {source}")
    for role, other in others:
        if os.path.exists(other) and same_file(other, output):
            raise OutputError(f"{output}: the output would overwrite the {role} {other}")


def _other_inputs(
    inputs: Sequence[str | os.PathLike[str]],
    metadata: Sequence[str | os.PathLike[str]],
    normalization: Normalization,
    project: Project | None,
) -> list[tuple[str, str | os.PathLike[str]]]:
    """The files a run reads besides the witnesses."""
    others: list[tuple[str, str | os.PathLike[str]]] = [
        ("metadata file", path) for path in [*find_metadata(inputs), *metadata]
    ]
    if project is not None:
        others.append(("project file", project.path))
    if normalization.rules and normalization.rules.origin:
        others.append(("rules file", normalization.rules.origin))
    return others


def write(collation: Collation, path: str | os.PathLike[str], format: str | None = None) -> str:
    """Write the collation to `path` atomically, in `format` or the one its ending
    selects; returns the format used."""
    name = formats.format_for(Path(path), format)
    write_atomic(path, formats.pieces(collation, name))
    return name


def _stemma_file(
    stemma: Stemma,
    path: str | os.PathLike[str],
    apparatus: Apparatus | None,
    format: str | None = None,
    lacuna_marker: str = LACUNA_MARKER,
) -> tuple[str | os.PathLike[str], bytes | Iterable[bytes]]:
    from .stemma.formats import render  # the stemma modules are only loaded when asked for

    return path, render(stemma, _stemma_format_for(path, format), apparatus, lacuna_marker)


def add_stemma(
    collation: Collation,
    kinds: Mapping[str, str] | None = None,
    lacuna_marker: str | None = None,
    resample: bool = True,
    outside: Mapping[str, Sequence[str]] | None = None,
) -> Collation:
    """The collation with the stemma its apparatus calls for (see docs/stemma.md);
    `kinds`: per siglum, manuscript, print or revision, where known (`collate.metadata`);
    `lacuna_marker`: the sign by which the witnesses mark a lacuna (`collate.lacunae`),
    by default the edition's; `resample` and `outside`: see `collate.infer_stemma`."""
    from .stemma import infer_stemma  # the stemma modules are only loaded when asked for

    marker = collation.edition.lacuna_marker if lacuna_marker is None else lacuna_marker
    stemma = infer_stemma(collation.apparatus, kinds, marker, resample, outside)
    return replace(collation, stemma=stemma)


def write_stemma(
    stemma: Stemma,
    path: str | os.PathLike[str],
    format: str | None = None,
    apparatus: Apparatus | None = None,
    lacuna_marker: str = LACUNA_MARKER,
) -> str:
    """Write a stemma atomically as JSON, DOT, Newick or a readable summary, or the
    apparatus it rests on as a NEXUS matrix or a distance matrix (where the witnesses
    mark a lacuna by `lacuna_marker`), by `format` or the file's ending; returns the
    format used."""
    write_atomic(*_stemma_file(stemma, path, apparatus, format, lacuna_marker))
    return _stemma_format_for(path, format)


def _outputs(
    collation: Collation,
    output: str | os.PathLike[str] | None,
    format: str | None,
    stemma_output: str | os.PathLike[str] | None,
    progress: Progress,
) -> Iterator[tuple[str | os.PathLike[str], bytes | Iterable[bytes]]]:
    """The files of one run, each made only when it is asked for (see `write_all_atomic`)."""
    if output is not None:
        progress(f"writing {output}")
        yield output, formats.pieces(collation, formats.format_for(Path(output), format))
    if collation.stemma is not None and stemma_output is not None:
        yield _stemma_file(
            collation.stemma,
            stemma_output,
            collation.apparatus,
            lacuna_marker=collation.edition.lacuna_marker,
        )


def witness_kinds(
    inputs: Iterable[str | os.PathLike[str]], metadata: Sequence[str | os.PathLike[str]] = ()
) -> dict[str, str]:
    """Per siglum, the kind of witness (manuscript, print, revision) that the metadata
    files beside the inputs, or those named, give."""
    from .metadata import find_metadata, load_metadata, types_of

    return types_of(load_metadata(find_metadata(inputs), [Path(m) for m in metadata]))


def _from_apparatus(stemma_output: str | os.PathLike[str] | None) -> bool:
    """Whether the stemma's file is one written from the apparatus (NEXUS, distances)."""
    from .stemma.formats import FROM_APPARATUS

    return stemma_output is not None and _stemma_format_for(stemma_output) in FROM_APPARATUS


def _stemma_format_for(path: str | os.PathLike[str], format: str | None = None) -> str:
    from .stemma.formats import stemma_format_for

    return stemma_format_for(path, format)


def _check_before_work(
    inputs: Sequence[str | os.PathLike[str]],
    output: str | os.PathLike[str] | None,
    format: str | None,
    stemma_output: str | os.PathLike[str] | None,
    engine: str,
    pattern: str,
    normalization: Normalization = DEFAULT_NORMALIZATION,
    metadata: Sequence[str | os.PathLike[str]] = (),
    project: Project | None = None,
) -> None:
    """Everything `run` can check before the long work, so that a bad output path,
    format, engine or token pattern fails at once and nothing is written."""
    others = _other_inputs(inputs, metadata, normalization, project)
    if output is not None:
        check_output_path(output, inputs, others)
        formats.format_for(output, format)
        check_writable(output)
    if stemma_output is not None:
        _stemma_format_for(stemma_output)
        check_output_path(stemma_output, inputs, others)
        check_writable(stemma_output)
        if output is not None and same_file(stemma_output, output):
            raise OutputError(f"{stemma_output}: the stemma would overwrite the output")
    get_engine(engine)
    check_token_pattern(pattern)
    _check_rules_file(normalization, inputs)


def _check_rules_file(
    normalization: Normalization, inputs: Sequence[str | os.PathLike[str]]
) -> None:
    """A rules file inside a folder of witnesses, with a witness's ending, would be
    collated as a witness too."""
    origin = normalization.rules.origin
    if not normalization.rules or not origin or not os.path.exists(origin):
        return
    for source in witness_paths(inputs):
        if os.path.realpath(source) == os.path.realpath(origin):
            raise WitnessError(
                f"{origin}: the rules file would be read as a witness too; give it another "
                "ending (such as .rules) or move it out of the witnesses' folder"
            )


def load_project(
    project: str | os.PathLike[str] | Project | None,
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> Project | None:
    """The project named, or else the `collate.toml` in a folder among the inputs, or
    None. Here, not in `collate.project`: that module (and tomllib) loads only when there
    is a project, and most runs have none."""
    if project is None:
        project = find_project(inputs)
        if project is None:
            return None
    from .project import Project, read_project

    return project if isinstance(project, Project) else read_project(project)


def run(
    inputs: Iterable[str | os.PathLike[str]] = (),
    output: str | os.PathLike[str] | None = None,
    *,
    format: str | None = None,
    stemma: bool = False,
    stemma_output: str | os.PathLike[str] | None = None,
    encoding: str | None = None,
    max_bytes: int = MAX_INPUT_BYTES,
    engine: str = DEFAULT_ENGINE,
    normalization: Normalization = DEFAULT_NORMALIZATION,
    pattern: str = DEFAULT_PATTERN,
    whitespace: WhitespaceMode = "spacing",
    progress: Progress = _silent,
    metadata: Sequence[str | os.PathLike[str]] = (),
    project: str | os.PathLike[str] | Project | None = None,
    edition: Edition | None = None,
    lacuna_marker: str = LACUNA_MARKER,
    jobs: int | None = None,
    only_stemma: bool = False,
) -> Collation:
    """The whole job: read the witnesses in `inputs` (folders and files), collate them,
    infer their stemma (if `stemma`, or a `stemma_output` is given), then write the
    collation to `output` (in `format` or the one its ending selects) and the stemma to
    `stemma_output` (by its ending), each atomically. Returns the collation.

    A project file (`project`, or a `collate.toml` in a folder among the inputs; see
    `collate.project`) gives sigla, witness descriptions, the edition's title, editors
    and base, and any setting left here at its default. `jobs`: the processes to work
    in (see `collate`). `only_stemma`: the caller wants the stemma and no collation
    (`collate stemma`), so where nothing is written from the apparatus (no `output`,
    no NEXUS matrix, whose states follow the reading groups) it is not typed by
    spelling (`collate.collate`'s `spellings`): the stemma is the same, sooner.

    Everything that can be checked is checked before the witnesses are read, and no
    output is ever written over a witness.
    """
    inputs = list(inputs)
    loaded = load_project(project, inputs)
    if loaded is not None:
        get = loaded.get
        inputs = inputs or list(loaded.inputs)
        output = output if output is not None else get("output")
        if output == "-":  # standard output: the caller writes it from the collation
            output = None
        format = format or get("format")
        stemma_output = stemma_output if stemma_output is not None else get("stemma_output")
        encoding = encoding or get("encoding")
        if max_bytes == MAX_INPUT_BYTES and get("max_input_mib"):
            max_bytes = int(get("max_input_mib")) * 2**20
        engine = get("engine", engine) if engine == DEFAULT_ENGINE else engine
        pattern = get("token_pattern", pattern) if pattern == DEFAULT_PATTERN else pattern
        whitespace = get("whitespace", whitespace) if whitespace == "spacing" else whitespace
        metadata = metadata or ([get("metadata")] if get("metadata") else [])
        if normalization == DEFAULT_NORMALIZATION:
            normalization = loaded.normalization()
        edition = edition or loaded.edition()
    if lacuna_marker != LACUNA_MARKER:  # the outputs mark the witnesses' own sign too
        edition = replace(edition or Edition(), lacuna_marker=lacuna_marker)
    _check_before_work(
        inputs, output, format, stemma_output, engine, pattern, normalization, metadata, loaded
    )
    progress("reading witnesses")
    witnesses = read_witnesses(inputs, encoding, max_bytes, metadata, project=loaded)
    # chosen here, not in `collate`: the outputs are written in as many processes
    jobs = choose_jobs(jobs, sum(len(w.text) for w in witnesses) // CHARACTERS_PER_TOKEN)
    collation = collate(
        witnesses,
        engine=engine,
        normalization=normalization,
        pattern=pattern,
        whitespace=whitespace,
        progress=progress,
        edition=edition,
        jobs=jobs,
        spellings=not only_stemma or output is not None or _from_apparatus(stemma_output),
    )
    if stemma or stemma_output is not None:
        progress("inferring the stemma")
        kinds = witness_kinds(inputs, metadata)
        if loaded is not None:
            kinds.update(loaded.kinds())
        collation = add_stemma(collation, kinds)
    # All the files are staged first and renamed into place together: a failure while
    # making the stemma leaves the earlier output as it was.
    with writing_in(jobs):
        write_all_atomic(
            with_record(_outputs(collation, output, format, stemma_output, progress), inputs)
        )
    return collation


@frozen
class ExtractedWitness:
    """A witness read back out of a TEI apparatus (see `extract`)."""

    siglum: str
    #: the witness's text, encoded as its source file was
    data: bytes
    #: whether `data` has the SHA-256 recorded for the source; None if none is recorded
    matches_source: bool | None

    def __init__(self, siglum: str, data: bytes, matches_source: bool | None) -> None:
        self.__dict__.update(siglum=siglum, data=data, matches_source=matches_source)


def extract(
    apparatus_path: str | os.PathLike[str],
    siglum: str | None = None,
    *,
    xml_id: str | None = None,
) -> ExtractedWitness:
    """A witness's original bytes, read back out of a TEI apparatus file by the
    lossless rule. The witness is named by its siglum, or by its `xml:id` when `xml_id`
    is given instead: one is never taken for the other."""
    # the apparatus reader, and lxml with it, only for this
    from .readers.apparatus import (
        extract_witness,
        read_apparatus_file,
        source_bytes,
        source_encoding,
        source_sha256,
        witness_details,
        witness_siglum,
    )

    if (siglum is None) == (xml_id is None):
        raise TypeError("extract() takes a siglum or xml_id=, not both")
    from .readers.tei import refuse_unsound
    from .validate import check_is_apparatus

    document = read_apparatus_file(Path(apparatus_path))
    check_is_apparatus(
        Path(apparatus_path), document, "no witness to extract (`collate run` reads it)"
    )
    try:
        text, witness = extract_witness(document, siglum, xml_id=xml_id)
        # a witness named twice or not at all somewhere would come out as another text
        refuse_unsound(Path(apparatus_path), document)
    except WitnessError as error:
        raise ApparatusFileError(str(error)) from None
    except ApparatusFileError as error:  # name the file, as every one-line error does
        raise ApparatusFileError(f"{apparatus_path}: {error}") from None
    except RecursionError:
        raise ApparatusFileError(f"{apparatus_path}: elements nested too deeply") from None
    details = witness_details(document, witness)
    encoding, bom = source_encoding(details)
    try:
        data = source_bytes(text, encoding, bom)
    except (LookupError, UnicodeEncodeError) as error:
        raise ApparatusFileError(
            f"{siglum or xml_id}: cannot encode as {encoding}: {error}"
        ) from None
    recorded = source_sha256(details)
    matches = None if recorded is None else sha256_hex(data) == recorded
    return ExtractedWitness(witness_siglum(witness) or "", data, matches)
