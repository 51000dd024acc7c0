"""A plain text's letters counted by a scan per kind of ASCII space (issue 13), against
the plain count of what splitting on whitespace leaves; and its paragraphs with them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from collate.readers.apparatus_structure import _letters, plain_paragraphs

#: every ASCII character (its spaces, control characters among them) and a few others,
#: spaces that only Unicode calls so among them
_TEXT = st.text(
    st.one_of(
        st.characters(max_codepoint=127),
        st.sampled_from(["\u00a0", "\u2028", "\u3000", "\x85", "é", "日"]),
    ),
    max_size=60,
)


@settings(max_examples=500, deadline=None)
@given(_TEXT)
def test_letters_are_the_characters_split_leaves(text: str) -> None:
    assert _letters(text) == len("".join(text.split()))


def _plain_paragraphs(text: str) -> list[tuple[int, int]]:
    """`plain_paragraphs` counting letters by splitting, as it did before."""
    import re

    starts, count, last = [0], 0, 0
    written = len(text.rstrip())
    for match in re.finditer(r"\n[ \t\r\f\v]*\n\s*", text):
        count += len("".join(text[last : match.end()].split()))
        last = match.end()
        if last < written and count > starts[-1]:
            starts.append(count)
    if len(starts) < 2:
        return []
    ends = [*starts[1:], count + len("".join(text[last:].split()))]
    return list(zip(starts, ends, strict=True))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["word", "é", " ", "\n", "\n\n", "\t", "\x1c", "\u00a0"])))
def test_paragraphs_are_those_counted_by_splitting(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert plain_paragraphs(text) == _plain_paragraphs(text)
