"""`collate.digests` gives `hashlib`'s digests: a witness's recorded SHA-256 must not
change with the module that computes it (that a plain run no longer loads `hashlib` is
checked in test_cli_process.py)."""

from __future__ import annotations

import hashlib

from hypothesis import given
from hypothesis import strategies as st

from collate import digests


@given(st.binary(max_size=3000))
def test_sha256_is_hashlibs(data: bytes) -> None:
    assert digests.sha256_hex(data) == hashlib.sha256(data).hexdigest()


def test_a_long_text_has_the_same_sha256_by_openssl() -> None:
    """A text of `OPENSSL_BYTES` or more is hashed by hashlib: the digest is the same."""
    for size in (digests.OPENSSL_BYTES - 1, digests.OPENSSL_BYTES, 3 * digests.OPENSSL_BYTES):
        data = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
        assert digests.sha256_hex(data) == hashlib.sha256(data).hexdigest()
