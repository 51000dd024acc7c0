"""`collate.digests` gives `hashlib`'s digests (a witness's recorded SHA-256 must not
change with the module that computes it), and a plain `collate run` no longer loads
`hashlib`, whose OpenSSL set-up cost a short run 2-3 ms (measured in benchmarks/)."""

from __future__ import annotations

import hashlib
import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

from collate import digests

from .conftest import ROOT, SEEDS


@given(st.binary(max_size=3000), st.integers(min_value=0, max_value=4))
def test_sha256_is_hashlibs(data: bytes, cut: int) -> None:
    assert digests.sha256_hex(data) == hashlib.sha256(data).hexdigest()
    # fed in pieces, as `own_outputs` feeds an output's blocks
    hashed = digests.sha256()
    step = max(1, len(data) // (cut + 1))
    for start in range(0, len(data), step):
        hashed.update(data[start : start + step])
    assert hashed.hexdigest() == hashlib.sha256(data).hexdigest()
    assert hashed.digest() == hashlib.sha256(data).digest()


@given(st.binary(max_size=200), st.integers(min_value=1, max_value=64))
def test_blake2b_is_hashlibs(data: bytes, size: int) -> None:
    assert digests.blake2b(data, size) == hashlib.blake2b(data, digest_size=size).digest()


def test_a_plain_run_does_not_load_hashlib(tmp_path: object) -> None:
    """`collate run FOLDER -o FILE` as the installed script runs it: the witnesses'
    SHA-256 are in the apparatus, and `hashlib` was never imported."""
    script = (
        "import os, sys\n"
        "import collate_command\n"
        "sys.argv = ['collate', *sys.argv[1:]]\n"
        "leave = os._exit\n"
        "def noting(code):\n"
        "    sys.stderr.write('HASHLIB %s\\n' % ('hashlib' in sys.modules))\n"
        "    sys.stderr.flush()\n"
        "    leave(code)\n"
        "os._exit = noting\n"
        "collate_command.main()\n"
    )
    output = f"{tmp_path}/x.xml"
    done = subprocess.run(
        [sys.executable, "-c", script, "run", str(SEEDS), "-o", output, "-q"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "HASHLIB False" in done.stderr, done.stderr
    first = sorted(SEEDS.glob("*.txt"))[0]
    with open(output, encoding="utf-8") as apparatus:
        assert hashlib.sha256(first.read_bytes()).hexdigest() in apparatus.read()
