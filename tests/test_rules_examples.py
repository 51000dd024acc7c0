"""The example rules file for Early Modern English (`docs/rules/`) reads the commonest
spellings of the period as one, as its comments say (near spelling leaves a final -e
and y for i to rules)."""

from __future__ import annotations

from pathlib import Path

import collate

from .conftest import sigla_witnesses

EARLY_MODERN = Path(__file__).parents[1] / "docs" / "rules" / "early-modern-english.rules"


def test_early_modern_spellings_are_orthographic() -> None:
    witnesses = sigla_witnesses(
        "The willow bends, the heron cries in autumn winds so grey and low, I row.",
        "The wyllow bends, the heron cryes in autumne windes so gray and lowe, I rowe.",
    )
    plain = collate.collate(witnesses)
    assert {loc.type for loc in plain.apparatus.variant_locations} == {"substantive"}
    rules = collate.Normalization(rules=collate.read_rules(EARLY_MODERN))
    ruled = collate.collate(witnesses, normalization=rules)
    locations = ruled.apparatus.variant_locations
    assert locations and {loc.type for loc in locations} == {"orthographic"}
    # every spelling it joins is named by the rule that did (TEI `@ana`)
    assert all(group.basis for loc in locations for group in loc.groups if group.type)
