"""Stemma: which witness derived from which, with lost exemplars, direction and evidence.

apparatus -> evidence (`evidence`) -> unrooted tree (`tree`) -> traditions rooted by
asymmetric evidence (`build`, `root`) -> contamination (`contamination`) -> `Stemma`
(`model`), written by `formats`. See docs/stemma.md for the method and its limits.
"""

from .infer import infer_stemma
from .model import EdgeKind, Evidence, Stemma, StemmaEdge, StemmaNode

__all__ = ["EdgeKind", "Evidence", "Stemma", "StemmaEdge", "StemmaNode", "infer_stemma"]
