"""SHA-256 and BLAKE2b from CPython's own modules, not through `hashlib`.

`hashlib` loads OpenSSL's libcrypto when it is imported and sets up every hash it
offers: 12.8 M instructions, 2-3 ms, about 3% of a short run's CPU (the seeds), for the
one or two hashes collate takes (each witness file's SHA-256; the corpus's word
hashes). CPython's built-in implementations give the same digests without it. They are
slower per byte where the processor has SHA instructions, which OpenSSL uses (here 3.2
against 0.85 ms for a 0.94 MB edition of the *Origin*), so a text of `OPENSSL_BYTES` or
more is hashed by `hashlib`: its loading is paid back by the second such text (the
witnesses of one work are of a size). Short of memory (a low `ulimit -v`) the built-in
ones also fail plainly, where `hashlib` logs a traceback for each hash it cannot set
up. Where an interpreter has no built-in module (a build without them, another Python),
`hashlib`'s are used.
"""

from __future__ import annotations

from typing import Protocol

#: bytes from which `sha256_hex` loads OpenSSL, which saves about 2.5 ms a megabyte
OPENSSL_BYTES = 1 << 19


class Hash(Protocol):
    """What collate asks of a hash object (`hashlib`'s `_Hash`)."""

    def update(self, data: bytes | bytearray | memoryview, /) -> None: ...

    def digest(self) -> bytes: ...

    def hexdigest(self) -> str: ...


try:
    from _sha2 import sha256 as _sha256  # type: ignore[import-not-found, unused-ignore]
except ImportError:  # CPython 3.11
    try:
        from _sha256 import sha256 as _sha256  # type: ignore[import-not-found, no-redef, unused-ignore]
    except ImportError:  # an interpreter without it
        from hashlib import sha256 as _sha256  # type: ignore[assignment, unused-ignore]

try:
    from _blake2 import blake2b as _blake2b  # type: ignore[import-not-found, unused-ignore]
except ImportError:
    from hashlib import blake2b as _blake2b  # type: ignore[assignment, unused-ignore]


def sha256(data: bytes = b"") -> Hash:
    """A SHA-256 hash object, as `hashlib.sha256(data)`."""
    hashed: Hash = _sha256(data)
    return hashed


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of `data`, in hexadecimal."""
    if len(data) >= OPENSSL_BYTES:
        import hashlib

        return hashlib.sha256(data).hexdigest()
    return str(_sha256(data).hexdigest())


def blake2b(data: bytes, digest_size: int) -> bytes:
    """The BLAKE2b digest of `data`, `digest_size` bytes long, as `hashlib.blake2b`."""
    return bytes(_blake2b(data, digest_size=digest_size).digest())
