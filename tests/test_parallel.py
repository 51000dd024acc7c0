"""Runs in several processes (`collate.parallel`): the same bytes as in one, on real
traditions and on generated ones; the worker machinery itself (order, errors, a worker
that dies)."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import collate
from collate import parallel
from collate.apparatus import _units, build_apparatus
from collate.apparatus_grid import SHARED, Grid
from collate.apparatus_parts import stretches
from collate.engines.anchor import ENGINE
from collate.model import Alignment, Collation, Witness
from collate.orthography import type_spellings
from collate.tokenize import tokenize_all
from collate.tokenize_parts import tokenize_in_parts
from tests.conftest import SEEDS, command, sigla_witnesses
from tests.conftest import SHARED as SHARED_FOLDER
from tests.strategies import related_texts
from tests.synthetic import generate

needs_fork = pytest.mark.skipif(not parallel.can_fork(), reason="no fork on this platform")
DARWIN_CH1 = SHARED_FOLDER / "corpora" / "darwin-ch1"
FORMATS = ("tei", "json", "tsv", "csv", "text", "html")


def _renders(witnesses: list[Witness], jobs: int, whitespace: str = "spacing") -> list[bytes]:
    result = collate.collate(witnesses, jobs=jobs, whitespace=whitespace)  # type: ignore[arg-type]
    return [collate.render(result, name) for name in FORMATS]


@needs_fork
@pytest.mark.parametrize("whitespace", ["spacing", "variants"])
def test_the_seeds_come_out_the_same_in_any_number_of_processes(whitespace: str) -> None:
    witnesses = list(collate.read_witnesses([SEEDS]))
    one = _renders(witnesses, 1, whitespace)
    for jobs in (2, 5):
        assert _renders(witnesses, jobs, whitespace) == one, jobs


@needs_fork
@pytest.mark.skipif(not DARWIN_CH1.is_dir(), reason=f"no shared corpus at {DARWIN_CH1}")
def test_darwin_chapter_one_comes_out_the_same_in_three_processes() -> None:
    """The stages that split, each against its single-process result (aligned once:
    the alignment is the engine's, the same either way), then the outputs."""
    witnesses = list(collate.read_witnesses([DARWIN_CH1]))
    normalization = collate.Normalization()
    tokenized = tokenize_all(witnesses)
    assert tokenize_in_parts(witnesses, normalization, collate.DEFAULT_PATTERN, 3) == tokenized
    alignment = ENGINE.align(tokenized)
    outputs = []
    for jobs in (1, 3):
        apparatus = build_apparatus(alignment, normalization.describe(), jobs=jobs)
        typed = type_spellings(apparatus, alignment, normalization, collate.DEFAULT_PATTERN)
        result = Collation(alignment, typed)
        outputs.append([collate.render(result, name) for name in ("tei", "json", "tsv")])
    assert outputs[0] == outputs[1]


def _alignment(texts: list[str]) -> Alignment:
    return ENGINE.align(tokenize_all(sigla_witnesses(*texts)))


@needs_fork
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(related_texts(), st.integers(2, 5), st.sampled_from(["spacing", "variants"]))
def test_the_apparatus_built_in_stretches_is_the_one_built_whole(
    texts: list[str], jobs: int, whitespace: str
) -> None:
    alignment = _alignment(texts)
    whole = build_apparatus(alignment, whitespace=whitespace)  # type: ignore[arg-type]
    assert build_apparatus(alignment, whitespace=whitespace, jobs=jobs) == whole  # type: ignore[arg-type]


@needs_fork
@settings(max_examples=25, deadline=None)
@given(related_texts(), st.integers(2, 4))
def test_witnesses_tokenised_in_shares_give_the_tokens_of_one_process(
    texts: list[str], jobs: int
) -> None:
    witnesses = sigla_witnesses(*texts)
    split = tokenize_in_parts(witnesses, collate.Normalization(), collate.DEFAULT_PATTERN, jobs)
    assert split == tokenize_all(witnesses)
    # one Token object for each form across the witnesses, as in one process
    first: dict[tuple[str, str], object] = {}
    for witness in split:
        for token in witness.tokens:
            assert first.setdefault((token.text, token.whitespace), token) is token


def test_a_generated_tradition_is_cut_only_where_all_witnesses_read_alike() -> None:
    tradition = generate(3, 3_000, 5)
    texts = [w.text for w in tradition.witnesses]
    alignment = _alignment(texts)
    units = _units(alignment, Grid(alignment))
    parts = stretches(alignment, units, 4)
    assert len(parts) == 4
    assert [u for part in parts for u in part] != units  # the cuts split units
    for before, after in zip(parts, parts[1:], strict=False):
        kind, start, cut = before[-1]
        assert kind == after[0][0] == SHARED and after[0][1] == cut
        whitespace = {
            w.tokens[cell].whitespace  # type: ignore[index]
            for w, cell in zip(alignment.witnesses, alignment.columns[cut - 1], strict=True)
        }
        assert len(whitespace) == 1
    # nothing lost or repeated: the parts' columns are the units' columns
    covered = [c for part in parts for _, start, stop in part for c in range(start, stop)]
    assert covered == list(range(len(alignment.columns)))


@needs_fork
def test_parts_come_back_in_order_from_their_processes() -> None:
    assert parallel.split_map(lambda n: (n, os.getpid()), range(7), 3)[3][0] == 3
    pids = {pid for _, pid in parallel.split_map(lambda n: (n, os.getpid()), range(3), 3)}
    assert len(pids) == 3 and os.getpid() in pids


def _fails_at_two(n: int) -> int:
    if n == 2:
        raise collate.WitnessError(f"part {n} is bad")
    return n


@needs_fork
def test_an_error_in_a_worker_is_raised_as_in_one_process() -> None:
    with pytest.raises(collate.WitnessError, match="part 2 is bad"):
        parallel.split_map(_fails_at_two, [0, 1, 2, 3], 4)


@needs_fork
def test_the_part_of_a_worker_that_dies_is_worked_again_here() -> None:
    parent = os.getpid()

    def dies_in_a_child(n: int) -> int:
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return n * n

    assert parallel.split_map(dies_in_a_child, [1, 2, 3], 3) == [1, 4, 9]


def test_the_number_of_processes_is_chosen_by_the_size_of_the_text() -> None:
    assert parallel.choose_jobs(3, 10) == 3  # asked for: given, whatever the size
    assert parallel.choose_jobs(None, 1_000) == 1  # the seeds: no fork pays for itself
    large = parallel.choose_jobs(0, 10 * parallel.PARALLEL_TOKENS)
    assert 1 <= large <= min(parallel.MOST_JOBS, parallel.available_cores())
    with pytest.raises(ValueError, match="jobs"):
        parallel.choose_jobs(-1, 10)


@needs_fork
def test_the_command_line_writes_the_same_file_with_any_jobs(tmp_path: Path) -> None:
    import subprocess

    outputs = []
    for jobs in ("1", "3"):
        out = tmp_path / f"x{jobs}.json"
        subprocess.run(
            command("run", SEEDS, "-o", out, "-q", "-j", jobs), check=True, capture_output=True
        )
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    refused = subprocess.run(
        command("run", SEEDS, "-o", tmp_path / "y.xml", "-j", "-2"), capture_output=True
    )
    assert refused.returncode == 2
    assert b"--jobs" in refused.stderr and b"Traceback" not in refused.stderr


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.lists(st.tuples(st.integers(0, 2**40), st.integers(0, 2**40)), max_size=6),
        min_size=1,
        max_size=12,
    )
)
def test_a_workers_gap_pairs_come_back_as_it_made_them(
    aligned: list[list[tuple[int, int]]],
) -> None:
    """A worker sends its gaps' pairs as two arrays of ints (`_workers._align_packed`):
    read back, they are the lists of pairs, an empty gap's too."""
    from collate.engines import _workers

    gaps: list[tuple[list[int], list[int]]] = [([at], []) for at in range(len(aligned))]

    def stretch(p_gap: list[int], w_gap: list[int], level: int) -> list[tuple[int, int]]:
        return aligned[p_gap[0]]

    packed = _workers._align_packed(stretch, gaps, range(len(gaps)))
    assert _workers._unpacked(*packed) == aligned


@given(st.lists(st.integers(1, 50), min_size=1, max_size=30), st.integers(2, 5))
def test_shares_of_the_work_cover_it_in_order_this_process_first_with_the_most(
    sizes: list[int], jobs: int
) -> None:
    from collate.engines import _workers
    from collate.tokenize_parts import _shares

    witnesses = sigla_witnesses(*("w " * size for size in sizes))
    shares = _shares(witnesses, jobs)
    assert [w for share in shares for w in share] == witnesses and len(shares) <= jobs
    gaps: list[tuple[list[int], list[int]]] = [([0] * size, []) for size in sizes]
    pieces = _workers._pieces(gaps, jobs)
    assert [at for piece in pieces for at in piece] == list(range(len(gaps)))
    assert len(pieces) <= jobs
    ends = parallel.share_ends(jobs)
    assert ends[-1] == pytest.approx(1) and ends[0] > 1 / jobs  # this process: the most
    assert ends == sorted(ends)


@pytest.mark.parametrize(("load", "idle"), [(0.0, 2), (0.4, 2), (0.6, 1), (1.0, 1), (3.0, 1)])
def test_a_second_process_only_where_a_second_core_is_free(
    monkeypatch: pytest.MonkeyPatch, load: float, idle: int
) -> None:
    """Two processes beside a busy core are slower than one: a run splits only while
    the load leaves two cores of two free (rounded)."""
    monkeypatch.setattr(parallel, "available_cores", lambda: 2)
    monkeypatch.setattr(os, "getloadavg", lambda: (load, load, load))
    assert parallel.idle_cores() == idle
