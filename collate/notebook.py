"""How Jupyter shows a collation: the witnesses, their agreement and the first passages
side by side (`formats.html.notebook_html`). Registered with the model when `collate`
is imported; the HTML modules themselves load only when a collation is first shown."""

from __future__ import annotations

from .model import Collation, show_in_notebooks


def collation_html(collation: Collation) -> str:
    from .formats.html import notebook_html

    return notebook_html(collation)


show_in_notebooks(collation_html)
