"""Issue 12: any set of file names, Unicode and colliding once made into xml:ids, goes
through `run` and comes back byte for byte from `extract` and from re-collation."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import collate
from collate import WitnessError

#: characters that make ids collide once sanitised: space and `_`, digits and `w`,
#: generated-id shapes (`app1`, `stemma-`), dots and middle dots
COLLIDING = "ab _-.1w·éappstm"


def usable(stem: str) -> bool:
    return (
        stem == stem.strip()
        and not stem.startswith(".")
        and stem not in ("", ".", "..")
        and len(stem.encode("utf-8")) <= 200
    )


stems = st.one_of(
    st.text(alphabet=COLLIDING, min_size=1, max_size=8),
    st.text(
        alphabet=st.characters(
            blacklist_categories=("Cs", "Cc", "Cn"), blacklist_characters="/\x00\ufffe\uffff"
        ),
        min_size=1,
        max_size=10,
    ),
).filter(usable)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(names=st.lists(stems, min_size=2, max_size=4, unique=True))
def test_any_file_names_round_trip(
    tmp_path_factory: pytest.TempPathFactory, names: list[str]
) -> None:
    root = tmp_path_factory.mktemp("names")
    folder = root / "witnesses"
    folder.mkdir()
    contents = {}
    for number, stem in enumerate(names):
        data = f"the cat {'sat' if number % 2 else 'lay'} on mat {number}\n".encode()
        (folder / f"{stem}.txt").write_bytes(data)
        contents[stem] = data
    output = root / "apparatus.xml"
    collate.run([folder], output, engine="anchor", stemma=len(names) > 2)
    for stem, data in contents.items():
        extracted = collate.extract(output, stem)
        assert extracted.data == data and extracted.matches_source is True, stem
    again = {w.siglum: w.text.encode() for w in collate.read_witnesses([output])}
    assert again == contents


@pytest.mark.parametrize("name", [b"bell\x07.txt", b"esc\x1b[31m.txt", b"latin1-\xe9.txt"])
def test_a_name_xml_cannot_carry_is_refused_in_one_line(tmp_path: Path, name: bytes) -> None:
    folder = tmp_path / "witnesses"
    folder.mkdir()
    (folder / "B.txt").write_bytes(b"the dog sat")
    with open(os.path.join(os.fsencode(folder), name), "wb") as stream:
        stream.write(b"the cat sat")
    with pytest.raises(WitnessError) as error:
        collate.run([folder], tmp_path / "o.xml", engine="anchor")
    assert "rename it" in str(error.value) and "\n" not in str(error.value)
    assert not (tmp_path / "o.xml").exists()
