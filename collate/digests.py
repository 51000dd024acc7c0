"""A witness file's SHA-256, from CPython's own module where the file is short.

`hashlib` loads OpenSSL's libcrypto when it is imported and sets up every hash it
offers: 12.8 M instructions, 2-3 ms, about 3% of a short run's CPU (the seeds), for the
one hash a run takes of each witness file. CPython's built-in SHA-256 gives the same
digest without it. It is slower per byte where the processor has SHA instructions,
which OpenSSL uses (here 3.2 against 0.85 ms for a 0.94 MB edition of the *Origin*),
so a text of `OPENSSL_BYTES` or more is hashed by `hashlib`: its loading is paid back
by the second such text (the witnesses of one work are of a size). Short of memory (a
low `ulimit -v`) the built-in one also fails plainly, where `hashlib` logs a traceback
for each hash it cannot set up. The other hashes collate takes (of the outputs it
records, in the corpus) are `hashlib`'s, loaded where they are taken.
"""

from __future__ import annotations

try:
    from _sha2 import sha256 as _sha256  # type: ignore[import-not-found, unused-ignore]
except ImportError:  # CPython 3.11
    try:
        from _sha256 import sha256 as _sha256  # type: ignore[import-not-found, no-redef, unused-ignore]
    except ImportError:  # an interpreter without it
        from hashlib import sha256 as _sha256  # type: ignore[assignment, unused-ignore]

#: bytes from which `sha256_hex` loads OpenSSL, which saves about 2.5 ms a megabyte
OPENSSL_BYTES = 1 << 19


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of `data`, in hexadecimal."""
    if len(data) >= OPENSSL_BYTES:
        import hashlib

        return hashlib.sha256(data).hexdigest()
    return str(_sha256(data).hexdigest())
