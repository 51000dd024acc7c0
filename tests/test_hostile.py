"""Hostile and messy input, one case per row, through the CLI and the library: it either
works, or ends in one line naming the file and the problem, a non-zero exit, no
traceback, no output file, and any existing output left untouched."""

from __future__ import annotations

import codecs
import os
import re
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import collate
from collate import ENGINE_NAMES, WitnessError
from collate.cli import app

from .conftest import SEEDS, command

MakeFolder = Callable[[dict[str, "str | bytes"]], Path]
PREVIOUS = b"an earlier result that must survive a failed run"
FAST_ENGINE = "anchor"

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE TEI [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>leak: &secret;</p></body></text></TEI>"""
LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE TEI [<!ENTITY a "hahahahahahahahahaha">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
<!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
<!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;"><!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">]>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&i;</p></body></text></TEI>"""


def cli(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, [str(a) for a in args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stderr


def refused(
    inputs: list[Path | str], output: Path, *fragments: str, extra: tuple[str, ...] = ()
) -> None:
    output.write_bytes(PREVIOUS)
    code, stderr = cli("run", *inputs, "-o", output, *extra)
    lines = stderr.strip().splitlines()
    assert code == 1, stderr
    assert len(lines) == 1 and lines[0].startswith("collate: error: "), stderr
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
    assert output.read_bytes() == PREVIOUS
    assert not [p for p in output.parent.iterdir() if p.name.endswith(".part")]


def works(inputs: list[Path], output: Path, extra: tuple[str, ...] = ()) -> None:
    code, stderr = cli("run", *inputs, "-o", output, "--engine", FAST_ENGINE, *extra)
    assert code == 0, stderr


# ------------------------------------------------------------------ refused, one per row


@pytest.mark.parametrize(
    ("files", "fragments"),
    [
        ({"A.txt": ""}, ["A.txt", "empty"]),
        ({"A.txt": " \r\n\t "}, ["A.txt", "only whitespace"]),
        (
            {"A.txt": "caf\xe9 cr\xe8me".encode("cp1252")},
            ["A.txt", "not valid utf-8", "--encoding"],
        ),
        ({"A.json": '{"witnesses": [ {"id": "A", '}, ["A.json", "not valid JSON"]),
        ({"A.xml": "<TEI><text>unclosed"}, ["A.xml", "not well-formed"]),
        ({"A.xml": XXE}, ["A.xml", "entity"]),
        ({"A.xml": LAUGHS}, ["A.xml", "entity"]),
        ({"A.xml": "<notTEI/>"}, ["A.xml", "not a TEI document"]),
    ],
    ids=[
        "empty",
        "whitespace-only",
        "cp1252-without-encoding",
        "malformed-json",
        "malformed-xml",
        "xxe",
        "billion-laughs",
        "not-tei",
    ],
)
def test_bad_files_are_refused(
    write_files: MakeFolder, tmp_path: Path, files: dict[str, str | bytes], fragments: list[str]
) -> None:
    folder = write_files({**files, "Z.txt": "a second witness"})
    refused([folder], tmp_path / "out.xml", *fragments)


def test_xxe_never_reads_the_local_file(write_files: MakeFolder) -> None:
    folder = write_files({"A.xml": XXE, "B.txt": "x"})
    with pytest.raises(WitnessError) as error:
        collate.read_witnesses([folder])
    assert "root:" not in str(error.value)


def test_a_binary_file_named_on_the_command_line(write_files: MakeFolder, tmp_path: Path) -> None:
    folder = write_files({"figure.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "B.txt": "text"})
    refused([folder / "figure.png", folder / "B.txt"], tmp_path / "o.xml", "figure.png", "binary")


def test_missing_path_empty_folder_and_single_witness(
    write_files: MakeFolder, tmp_path: Path
) -> None:
    refused([tmp_path / "nowhere"], tmp_path / "o.xml", "nowhere", "no such file")
    refused([write_files({})], tmp_path / "o.xml", "no witness files")
    refused([write_files({"A.txt": "alone"})], tmp_path / "o.xml", "at least two witnesses")


def test_duplicate_sigla_across_formats(write_files: MakeFolder, tmp_path: Path) -> None:
    folder = write_files(
        {
            "A.txt": "plain",
            "A.xml": '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>tei</p></body></text></TEI>',
        }
    )
    refused([folder], tmp_path / "o.xml", "duplicate siglum 'A'", "A.txt", "A.xml")


def test_unreadable_file(write_files: MakeFolder, tmp_path: Path) -> None:
    folder = write_files({"B.txt": "text"})
    if os.geteuid() == 0:  # root reads any file; /proc/self/mem refuses a plain read
        (folder / "A.txt").symlink_to("/proc/self/mem")
    else:
        (folder / "A.txt").write_text("secret")
        (folder / "A.txt").chmod(0)
    refused([folder], tmp_path / "o.xml", "A.txt", "cannot be read")


def test_symlink_loop(write_files: MakeFolder, tmp_path: Path) -> None:
    folder = write_files({"B.txt": "text"})
    (folder / "A.txt").symlink_to(folder / "C.txt")
    (folder / "C.txt").symlink_to(folder / "A.txt")
    refused([folder], tmp_path / "o.xml", "A.txt", "cannot be read", "symbolic links")


def test_two_hundred_megabytes_fail_cleanly_without_being_read(
    write_files: MakeFolder, tmp_path: Path
) -> None:
    folder = write_files({"B.txt": "text"})
    with open(folder / "A.txt", "wb") as big:
        big.truncate(200 * 2**20)  # sparse: costs no disk and, refused early, no memory
    refused([folder], tmp_path / "o.xml", "200.0 MiB", "--max-input-mib")


def test_output_paths(write_files: MakeFolder, tmp_path: Path) -> None:
    folder = write_files({"A.txt": "one", "B.txt": "two"})
    code, stderr = cli("run", folder, "-o", tmp_path / "missing" / "o.xml")
    assert code == 1 and "does not exist" in stderr
    refused([folder], folder / "B.txt", "would overwrite the witness")  # left as it was


# ------------------------------------------------------------------ accepted, one per row


def round_trips(folder: Path, tmp_path: Path, extra: tuple[str, ...] = ()) -> None:
    output = tmp_path / "apparatus.xml"
    works([folder], output, extra)
    for source in folder.iterdir():
        extracted = collate.extract(output, source.stem)
        assert extracted.data == source.read_bytes(), source.name
        assert extracted.matches_source is True


def test_utf16_with_bom(write_files: MakeFolder, tmp_path: Path) -> None:
    folder = write_files(
        {
            "A.txt": codecs.BOM_UTF16_LE + "Über die Entstehung der Arten\r\n".encode("utf-16-le"),
            "B.txt": codecs.BOM_UTF16_BE + "Über die Entstehung\n".encode("utf-16-be"),
            "C.txt": codecs.BOM_UTF8 + b"Uber die Entstehung der Arten",
        }
    )
    round_trips(folder, tmp_path)


def test_cp1252_with_encoding_option(write_files: MakeFolder, tmp_path: Path) -> None:
    folder = write_files(
        {
            "A.txt": "Café “noir” – crème".encode("cp1252"),
            "B.txt": 'Cafe "noir" - creme'.encode("cp1252"),
        }
    )
    round_trips(folder, tmp_path, ("--encoding", "cp1252"))


def test_mixed_line_endings(write_files: MakeFolder, tmp_path: Path) -> None:
    folder = write_files({"A.txt": "one\r\ntwo\nthree\r\n\r\n", "B.txt": "one\ntwo\r\nthree\rfour"})
    round_trips(folder, tmp_path)


def test_names_with_spaces_and_non_ascii_letters(write_files: MakeFolder, tmp_path: Path) -> None:
    folder = write_files({"Ms Ä 1.txt": "the cat sat", "Édition de 1860.txt": "the dog sat"})
    round_trips(folder, tmp_path)
    assert [w.siglum for w in collate.read_witnesses([folder])] == ["Ms Ä 1", "Édition de 1860"]


def test_a_ten_megabyte_single_line(write_files: MakeFolder, tmp_path: Path) -> None:
    words = " ".join(f"w{i % 5000}" for i in range(2_000_000))[: 10 * 2**20]
    folder = write_files({"A.txt": words, "B.txt": words[:200] + " and an ending"})
    assert len((folder / "A.txt").read_bytes()) == 10 * 2**20
    round_trips(folder, tmp_path)  # the whole run, with the default engine


# ------------------------------------------------------------------ determinism


def run_process(
    *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        command(*args),
        capture_output=True,
        env={**os.environ, **(env or {})},
        check=False,
    )


@pytest.mark.parametrize("engine", ENGINE_NAMES)
def test_same_output_across_runs_orders_and_hash_seeds(
    engine: str, tmp_path: Path, write_files: MakeFolder
) -> None:
    folder = write_files(
        {
            "C.txt": "the quick brown fox jumps over the lazy dog",
            "A.txt": "the quick red fox jumped over a lazy dog",
            "B.txt": "a quick brown fox jumps over the dog, lazily",
        }
    )
    names = sorted(str(p) for p in folder.iterdir())
    outputs = []
    for seed, order in [
        ("0", names),
        ("1", names[::-1]),
        ("12345", [names[1], names[2], names[0]]),
    ]:
        for ending in ("xml", "json"):
            out = tmp_path / f"{seed}.{ending}"
            done = run_process(
                "run", *order, "-o", str(out), "--engine", engine, env={"PYTHONHASHSEED": seed}
            )
            assert done.returncode == 0, done.stderr
        outputs.append(
            ((tmp_path / f"{seed}.xml").read_bytes(), (tmp_path / f"{seed}.json").read_bytes())
        )
    assert outputs[0] == outputs[1] == outputs[2]


# ------------------------------------------------------------------ interruption


def _as_at_a_terminal() -> None:
    """In the child: Ctrl-C as at a terminal. A shell starts a background job (a CI run
    with `&`) with SIGINT ignored, and Python then leaves it ignored."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_an_interrupted_run_leaves_no_output(tmp_path: Path, signum: int) -> None:
    output = tmp_path / "apparatus.xml"
    process = subprocess.Popen(
        command("run", SEEDS, "-o", output, "--engine", "collatex"),
        stderr=subprocess.PIPE,
        preexec_fn=_as_at_a_terminal,
    )
    time.sleep(2.5)  # well into the CollateX alignment, which takes several seconds here
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert stderr.decode().strip() == "collate: error: interrupted; no output was written"
    assert list(tmp_path.iterdir()) == []


_SWALLOWING_COLLATEX = """
import os, signal, time
try:  # as the collatex package loads its optional parts: a bare except
    os.kill(os.getpid(), signal.{name})
    time.sleep(1)
except:
    pass
Collation = collate = None  # a run that went on would fail here, not be interrupted
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_an_interrupt_while_collatex_loads_is_not_swallowed(
    tmp_path: Path, signum: signal.Signals
) -> None:
    """The collatex package's bare `except:` around its optional imports would swallow
    an interrupt that arrives while it loads; the run must stop all the same."""
    package = tmp_path / "fake" / "collatex"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(_SWALLOWING_COLLATEX.format(name=signum.name))
    output = tmp_path / "out" / "apparatus.xml"
    output.parent.mkdir()
    environment = {**os.environ, "PYTHONPATH": str(tmp_path / "fake")}
    done = subprocess.run(
        command("run", SEEDS, "-o", output, "--engine", "collatex"),
        env=environment,
        capture_output=True,
        timeout=120,
        preexec_fn=_as_at_a_terminal,
    )
    assert done.returncode == 130, done.stderr
    assert done.stderr.decode().strip() == "collate: error: interrupted; no output was written"
    assert list(output.parent.iterdir()) == []


# ------------------------------------------------------------------ bounded fuzzing


valid_json = (
    b'{"witnesses": [{"id": "A", "content": "the cat"}, '
    b'{"id": "B", "tokens": [{"t": "a ", "n": "a"}]}]}'
)
valid_tei = (
    b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>The <hi>cat</hi>'
    b"<lb/>sat</p></body></text></TEI>"
)


def mutate(data: bytes) -> st.SearchStrategy[bytes]:
    edits = st.lists(
        st.tuples(st.integers(0, len(data)), st.integers(0, 3), st.binary(max_size=4)), max_size=6
    )

    def apply(changes: list[tuple[int, int, bytes]]) -> bytes:
        out = bytearray(data)
        for at, cut, insert in changes:
            at = min(at, len(out))
            out[at : at + cut] = insert
        return bytes(out)

    return edits.map(apply)


@settings(max_examples=300, deadline=None)
@given(
    data=st.one_of(mutate(valid_json), mutate(valid_tei), st.binary(max_size=200)),
    ending=st.sampled_from([".json", ".xml"]),
)
def test_readers_only_ever_raise_witness_errors(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, ending: str
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / f"A{ending}"
    path.write_bytes(data)
    try:
        witnesses = collate.witnesses.read_file(path)
    except WitnessError as error:
        assert "\n" not in str(error)
    else:
        assert witnesses and all(w.text.strip() for w in witnesses)


def test_deeply_nested_tei_is_refused_not_crashed(write_files: MakeFolder, tmp_path: Path) -> None:
    depth = 5000
    nested = "<hi>" * depth + "deep" + "</hi>" * depth
    tei = (
        f'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>{nested}</p></body></text></TEI>'
    )
    folder = write_files({"A.xml": tei, "B.txt": "text"})
    refused([folder], tmp_path / "o.xml", "A.xml", "nested too deeply")


# ------------------------------------------------------------------ issue 12: nothing lost


@pytest.mark.parametrize(
    "files",
    [
        {"a b.txt": "the text of a b", "a_b.txt": "the other text, of a_b"},
        {"1.txt": "the text of one", "w1.txt": "the text of w1, not of one"},
    ],
    ids=["space-and-underscore", "digit-and-w-prefix"],
)
def test_sigla_colliding_after_making_ids_each_extract_their_own_text(
    write_files: MakeFolder, tmp_path: Path, files: dict[str, str | bytes]
) -> None:
    folder = write_files(files)
    output = tmp_path / "apparatus.xml"
    works([folder], output)
    for name, text in files.items():
        siglum = name.removesuffix(".txt")
        assert isinstance(text, str)
        assert collate.extract(output, siglum).data == text.encode(), siglum
        code, stdout = cli_stdout("extract", output, siglum)
        assert code == 0 and stdout == text.encode(), siglum
    # re-collating the apparatus reads every witness's own text back
    again = {w.siglum: w.text for w in collate.read_witnesses([output])}
    assert again == {name.removesuffix(".txt"): text for name, text in files.items()}


def test_extract_by_xml_id_only_when_asked(write_files: MakeFolder, tmp_path: Path) -> None:
    folder = write_files({"a b.txt": "the text of a b", "a_b.txt": "the text of a_b"})
    output = tmp_path / "apparatus.xml"
    works([folder], output)
    ids = collate.xmltools.witness_ids(["a b", "a_b"])
    assert len(set(ids.values())) == 2
    for siglum, text in [("a b", b"the text of a b"), ("a_b", b"the text of a_b")]:
        assert collate.extract(output, xml_id=ids[siglum]).data == text
        code, stdout = cli_stdout("extract", output, ids[siglum], "--id")
        assert code == 0 and stdout == text
    code, stderr = cli("extract", output, "a b", "--id")  # a siglum is not an id
    assert code == 1 and "no xml:id 'a b'" in stderr


def cli_stdout(*args: str | Path) -> tuple[int, bytes]:
    result = CliRunner().invoke(app, [str(a) for a in args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout_bytes


def test_extract_never_takes_an_id_for_a_siglum(tmp_path: Path) -> None:
    """Another tool's apparatus whose ids are the other witness's sigla."""
    apparatus = tmp_path / "other.xml"
    apparatus.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><sourceDesc><listWit>'
        '<witness xml:id="B" n="A"/><witness xml:id="A" n="B"/>'
        "</listWit></sourceDesc></fileDesc></teiHeader><text><body><ab>the "
        '<app><rdg wit="#B">reading of A</rdg><rdg wit="#A">reading of B</rdg></app>'
        "</ab></body></text></TEI>"
    )
    assert collate.extract(apparatus, "A").data == b"the reading of A"
    assert collate.extract(apparatus, "B").data == b"the reading of B"
    assert collate.extract(apparatus, xml_id="A").data == b"the reading of B"
    assert cli_stdout("extract", apparatus, "B") == (0, b"the reading of B")


# ------------------------------------------------------------------ issue 12: nothing overwritten


def test_extract_refuses_to_write_over_its_apparatus(
    write_files: MakeFolder, tmp_path: Path
) -> None:
    output = tmp_path / "apparatus.xml"
    works([write_files({"A.txt": "the cat sat", "B.txt": "the dog sat"})], output)
    before = output.read_bytes()
    (tmp_path / "link.xml").symlink_to(output)
    for target in (output, tmp_path / "link.xml", tmp_path / "." / "apparatus.xml"):
        code, stderr = cli("extract", output, "A", "-o", target)
        lines = stderr.strip().splitlines()
        assert code == 1 and len(lines) == 1, stderr
        assert "would overwrite the apparatus" in lines[0], stderr
        assert output.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == [
        "apparatus.xml",
        "link.xml",
    ]


def test_stemma_output_equal_to_the_main_output_is_refused(
    write_files: MakeFolder, tmp_path: Path
) -> None:
    folder = write_files({"A.txt": "the cat sat", "B.txt": "the dog sat", "C.txt": "a cat sat"})
    output = tmp_path / "x.json"
    refused(
        [folder], output, "x.json", "would overwrite the output", extra=("--stemma", str(output))
    )


# a folder with a stemma's ending: a name without one is a bad command line (exit 2)
@pytest.mark.parametrize("stemma", ["missing/s.json", "folder.json"])
def test_a_bad_stemma_path_leaves_the_main_output_alone(
    write_files: MakeFolder, tmp_path: Path, stemma: str
) -> None:
    (tmp_path / "folder.json").mkdir()
    folder = write_files({"A.txt": "the cat sat", "B.txt": "the dog sat", "C.txt": "a cat sat"})
    refused([folder], tmp_path / "out.xml", stemma, extra=("--stemma", str(tmp_path / stemma)))


def test_a_failure_while_making_the_stemma_replaces_no_output(
    write_files: MakeFolder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As if SIGTERM (raised as KeyboardInterrupt by the CLI) came while the stemma file
    was being made: the apparatus, already made, must not have replaced the old one."""
    import collate.stemma.formats

    def interrupted(*args: object) -> bytes:
        raise KeyboardInterrupt

    monkeypatch.setattr(collate.stemma.formats, "render", interrupted)
    folder = write_files({"A.txt": "the cat sat", "B.txt": "the dog sat", "C.txt": "a cat sat"})
    output, stemma = tmp_path / "out.xml", tmp_path / "s.json"
    output.write_bytes(PREVIOUS)
    with pytest.raises(KeyboardInterrupt):
        collate.run([folder], output, stemma_output=stemma, engine=FAST_ENGINE)
    assert output.read_bytes() == PREVIOUS
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["out.xml"]


@pytest.mark.parametrize("outputs", [("out.txt",), ("out.xml", "s.txt"), ("out.json",)])
def test_outputs_written_into_the_input_folder_are_not_read_as_witnesses(
    write_files: MakeFolder, tmp_path: Path, outputs: tuple[str, ...]
) -> None:
    folder = write_files({"A.txt": "the cat sat", "B.txt": "the dog sat", "C.txt": "a cat sat"})
    extra = ("--stemma", str(folder / outputs[1])) if len(outputs) > 1 else ()
    for _ in range(2):  # the second run writes over its own earlier outputs
        works([folder], folder / outputs[0], extra)
    assert [w.siglum for w in collate.read_witnesses([folder])] == ["A", "B", "C"]
    works([folder], tmp_path / "again.xml")
    assert collate.read_witnesses([tmp_path / "again.xml"]) == collate.read_witnesses([folder])
    # changed by hand, an output is a file like any other
    with open(folder / outputs[0], "ab") as changed:
        changed.write(b" ")
    assert len(witness_paths := collate.witnesses.witness_paths([folder])) == 4, witness_paths


def _alarm(signum: int, frame: object) -> None:
    raise TimeoutError("did not finish")


@contextmanager
def finishes_within(seconds: int) -> Iterator[None]:
    """A hang becomes a failure instead of a stuck test run."""
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@settings(max_examples=300, deadline=None)
@given(st.sets(st.text(alphabet="aw_ -.12·", min_size=1, max_size=5), min_size=2, max_size=5))
def test_witness_ids_are_unique_and_none_inside_another(sigla: set[str]) -> None:
    """Including sets such as `-`, `w` (ids `w-`, `w`) where suffixing `w` as `w-1`,
    `w-2`, ... would never get out of `w-`: that hung the run."""
    with finishes_within(5):
        ids = collate.xmltools.witness_ids(sorted(sigla))
    values = list(ids.values())
    assert len(set(values)) == len(values)
    assert not [(a, b) for a in values for b in values if a != b and a in b]
    assert all(re.fullmatch(r"[^\W\d][\w.\-·]*", v) and not v.startswith("xml") for v in values)


def test_sigla_whose_ids_would_never_stop_growing(write_files: MakeFolder, tmp_path: Path) -> None:
    folder = write_files({"-.txt": "the cat sat", "2-w_.txt": "the dog sat", "w.txt": "a cat"})
    with finishes_within(20):
        round_trips(folder, tmp_path)


def test_extract_names_the_file_when_no_witness_matches(
    write_files: MakeFolder, tmp_path: Path
) -> None:
    output = tmp_path / "apparatus.xml"
    works([write_files({"A.txt": "the cat sat", "B.txt": "the dog sat"})], output)
    for extra in ((), ("--id",)):
        code, stderr = cli("extract", output, "Q", *extra)
        assert code == 1 and stderr.startswith(f"collate: error: {output}: no "), stderr
        assert len(stderr.strip().splitlines()) == 1
