"""What TEI viewers show of each witness, on the real corpora: per corpus, the `<app>`s
written, the unnumbered word-division `<app>`s among them, the witnesses that read back
byte-identical, `collate validate`'s problems, and the witnesses whose words a viewer
(the model of `tests/test_viewer_spacing.py`: readings trimmed, milestones ignored)
shows differently from their text.

    python -m benchmarks.viewer_words [--wikipedia N]

Run it from two checkouts (`PYTHONPATH=OLD python -m benchmarks.viewer_words`) for a
baseline in the same session.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import collate
from tests.test_viewer_spacing import viewer_texts

from .cases import ROOT, SHARED


def measure(inputs: list[Path]) -> tuple[int, int, int, int, int, int]:
    collation = collate.run(inputs)
    data = collate.render(collation, "tei")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "apparatus.xml")
        path.write_bytes(data)
        again = {w.siglum: w.text for w in collate.read_witnesses([path])}
        problems = len(collate.validate_file(path))
    shown = viewer_texts(data)
    witnesses = collation.witnesses
    return (
        data.count(b"<app "),
        data.count(b'<app type="orthographic">'),
        sum(again[w.siglum] == w.text for w in witnesses),
        len(witnesses),
        problems,
        sum(shown[w.siglum].split() != w.text.split() for w in witnesses),
    )


def viewer_corpora() -> tuple[dict[str, list[Path]], list[Path]]:
    """The corpora a viewer's apparatus is measured on, by name, and the Wikipedia
    histories (sorted by name)."""
    corpora = SHARED / "corpora"
    cases = {
        "seeds": [SHARED / "seeds"],
        "darwin-ch1": [corpora / "darwin-ch1"],
        "chaucer": [ROOT / "tests" / "fixtures" / "chaucer"],
        "darwin-origin": [corpora / "darwin-origin"],
    }
    histories = sorted(p for p in (corpora / "wikipedia-versions").iterdir() if p.is_dir())
    return cases, histories


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wikipedia", type=int, default=20, help="histories (sorted by name)")
    args = parser.parse_args()
    cases, histories = viewer_corpora()
    print("| corpus | apps | word-division apps | identical | validate problems | viewer-wrong |")
    print("|---|---|---|---|---|---|")
    for name, inputs in cases.items():
        apps, divisions, same, count, problems, wrong = measure(inputs)
        print(f"| {name} | {apps} | {divisions} | {same}/{count} | {problems} | {wrong} |")
    total = [0] * 6
    for history in histories[: args.wikipedia]:
        total = [a + b for a, b in zip(total, measure([history / "witnesses"]), strict=True)]
    apps, divisions, same, count, problems, wrong = total
    print(
        f"| wikipedia, first {args.wikipedia} | {apps} | {divisions} | {same}/{count} | "
        f"{problems} | {wrong} |"
    )


if __name__ == "__main__":
    main()
