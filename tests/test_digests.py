"""`collate.digests` gives `hashlib`'s digests: a witness's recorded SHA-256 must not
change with the module that computes it (that a plain run no longer loads `hashlib` is
checked in test_cli_process.py)."""

from __future__ import annotations

import hashlib

from hypothesis import given
from hypothesis import strategies as st

from collate import digests


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



def test_a_long_text_has_the_same_sha256_by_openssl() -> None:
    """A text of `OPENSSL_BYTES` or more is hashed by hashlib: the digest is the same."""
    for size in (digests.OPENSSL_BYTES - 1, digests.OPENSSL_BYTES, 3 * digests.OPENSSL_BYTES):
        data = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
        assert digests.sha256_hex(data) == hashlib.sha256(data).hexdigest()
