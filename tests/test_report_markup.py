"""The report's markup written as text (`collate.formats.report.tree`: `escape`,
`start_tag`, `element`, `raw`, `serialize`) must be what lxml's HTML serialiser writes
for the same elements, byte for byte: the report's bulk is written that way, the rest
by lxml, and a report must not depend on which wrote a part."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from collate import Witness, collate
from collate.formats import render
from collate.formats.report.tree import RAW, el, element, raw, serialize, start_tag


def _by_lxml(tag: str, text: str | None, attrs: dict[str, str] | None) -> str:
    written: str = etree.tostring(
        el(None, tag, text, attrs), method="html", encoding="unicode"
    )
    return written


def _takes(text: str) -> bool:
    try:
        el(None, "i", text)
    except ValueError:
        return False
    return True


def test_every_character_is_escaped_as_lxml_escapes_it() -> None:
    # every code point lxml takes, in one text and in one attribute; every one it
    # refuses, alone between letters, refused alike with lxml's own error
    taken: list[str] = []
    refused: list[str] = []
    for start in range(0, 0x110000, 4096):
        block = [chr(point) for point in range(start, start + 4096)]
        if _takes("".join(block)):
            taken += block
            continue
        for character in block:  # the few blocks with a character refused
            (taken if _takes(character) else refused).append(character)
    text = "".join(taken)
    assert element("td", text, {"title": text}) == _by_lxml("td", text, {"title": text})
    for character in refused:
        with pytest.raises(ValueError) as by_lxml:
            _by_lxml("td", f"a{character}b", None)
        with pytest.raises(ValueError) as written:
            element("td", f"a{character}b")
        assert (type(written.value), str(written.value)) == (
            type(by_lxml.value),
            str(by_lxml.value),
        )
        with pytest.raises(type(by_lxml.value)):
            start_tag("td", {"title": f"a{character}b"})


#: any text: what lxml refuses (a control character, a lone surrogate) must be refused alike
_texts = st.text(max_size=30)


@given(
    tag=st.sampled_from(["td", "a", "div", "title", "tr", "rect"]),
    text=st.one_of(st.none(), _texts),
    attrs=st.dictionaries(st.sampled_from(["class", "title", "data-x", "id"]), _texts),
)
def test_elements_are_written_as_lxml_writes_them(
    tag: str, text: str | None, attrs: dict[str, str]
) -> None:
    try:
        expected = _by_lxml(tag, text, attrs)
    except ValueError:
        with pytest.raises(ValueError):
            element(tag, text, attrs)
        return
    assert element(tag, text, attrs) == expected
    assert expected.startswith(start_tag(tag, attrs))


@given(st.lists(_texts, min_size=1, max_size=4))
def test_raw_markup_takes_the_place_of_its_stand_in(texts: list[str]) -> None:
    root = el(None, "div")
    by_lxml = el(None, "div")
    for text in texts:
        try:
            markup = element("span", text)
        except ValueError:
            return
        raw(el(root, "p"), markup)
        el(el(by_lxml, "p"), "span", text)
    assert serialize(root) == etree.tostring(by_lxml, method="html", encoding="unicode")
    assert not list(root.iter(RAW)) or all(not e.attrib for e in root.iter(RAW))


def test_a_witness_spelling_out_a_stand_in_is_only_text() -> None:
    # the stand-in's own markup, read as a witness's words, is escaped like any text
    stand_in = f"<{RAW}></{RAW}>"
    witnesses = [
        Witness("A", f"one {stand_in} two three"),
        Witness("B", f"one {stand_in} too three"),
    ]
    report = render(collate(witnesses), "html").decode("utf-8")
    assert stand_in not in report
    assert f"&lt;{RAW}&gt;&lt;/{RAW}&gt;" in report
