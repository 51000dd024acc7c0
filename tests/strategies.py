"""Hypothesis strategies for witness texts, shared by the property tests: hostile
Unicode, every kind of line break and space, and sets of related witnesses."""

from __future__ import annotations

from hypothesis import strategies as st

WORDS = [
    "the",
    "The",
    "cat",
    "sat",
    "Café",
    "cafe\u0301",
    "naïve",
    "ﬁne",
    "日本語",
    "ΑΒΓ",
    "—",
    "–",
    "“",
    "”",
    "’s",
    "'s",
    ",",
    ".",
    "&",
    "<",
    ">",
    "]]>",
    "x",
    "\u200b",
]
SEPARATORS = [" ", " ", " ", "\n", "\r\n", "\r", "\t", "  ", "\n\n", "\u00a0", "\u2028", ""]

odd_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"),
    min_size=1,
    max_size=8,
)
word = st.sampled_from(WORDS) | odd_text
witness_text = st.builds(
    lambda lead, parts: lead + "".join(w + s for w, s in parts),
    st.sampled_from(["", "", "\n", "  ", "\r\n\r\n"]),
    st.lists(st.tuples(word, st.sampled_from(SEPARATORS)), min_size=1, max_size=25),
).filter(lambda text: text.strip() != "")


@st.composite
def related_texts(draw: st.DrawFn) -> list[str]:
    """A few witnesses, mostly copies of one text with words changed, so they align."""
    base = draw(st.lists(st.tuples(word, st.sampled_from(SEPARATORS)), min_size=1, max_size=20))
    texts = []
    for _ in range(draw(st.integers(2, 4))):
        parts = [
            (draw(word) if draw(st.integers(0, 4)) == 0 else w, s)
            for w, s in base
            if draw(st.integers(0, 6)) != 0
        ] or base
        texts.append(draw(st.sampled_from(["", "\n", " "])) + "".join(w + s for w, s in parts))
    if draw(st.booleans()):
        texts.append(draw(witness_text))
    return [t for t in texts if t.strip()] or ["x", "y"]
