"""Which TEI viewers lose the whitespace between two adjacent `<app>`s, and whether any
other encoding of that whitespace survives them: the evidence behind the TEI writer's
rule that no two `<app>`s stand apart by whitespace alone (`collate.formats.tei_body`).

Two viewers, each checked by its own code:

- the Versioning Machine 5: its stylesheet (lxml's XSLT) and scripts in headless
  Chromium, each witness panel's text read as tests/test_viewers.py does;
- EVT 2 (evt-viewer, not installed here), by the two steps of its witness view that
  touch whitespace, run in Chromium's JavaScript exactly as its source writes them:
  `parseAppReading` (app/src/dataHandler/criticalElementsParser.service.js) keeps each
  text node of a reading `trim()`med, and `parseWitnessText`
  (app/src/dataHandler/criticalParser.service.js), once each `<app>` is replaced by
  the witness's reading, runs `body.innerHTML.replace(/>[\\s\\r\\n]*?</g, '><')`. What
  its page then draws around each reading (the reading directive's template) is not
  modelled: a word count per witness after these two steps is what its text holds.

Encodings tried between two adjacent locations ("the cat sat" / "the dog lay"): a space,
a line feed, `<c> </c>`, `<seg> </seg>`, U+00A0 and U+2009 (which change the witness's
bytes, only to see), the space at the end of the first reading, and the writer's own
nested form. Then the 20 copies of `benchmarks.stemma_many_witnesses` as the writer
writes them and written flat (one top-level `<app>` per location; that draft ignores
per-witness whitespace, so only its words are compared).

    python -m benchmarks.tei_viewer_whitespace

Needs Chromium, chromedriver and selenium (`.ci/browser-deps`) and the viewer's source
(`$COLLATE_SHARED/viewers/versioning-machine-5`, default /work/shared).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from lxml import etree

import collate
from collate.model import VariantLocation
from collate.xmltools import XML_ID, tei

from .stemma_many_witnesses import copies

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.chromium import Chrome, chromium, versioning_machine_panels  # noqa: E402

VM = Path(os.environ.get("COLLATE_SHARED", "/work/shared")) / "viewers/versioning-machine-5/src"

#: EVT 2's witness view as far as whitespace goes (see the module docstring); nested
#: entries are resolved innermost first, as its reading text takes in sub-entries
EVT_WITNESS_TEXT = r"""
const [xml, wit, trim] = arguments;
const doc = new DOMParser().parseFromString(xml, 'application/xml');
const body = doc.getElementsByTagName('body')[0];
let apps;
while ((apps = body.getElementsByTagName('app')).length) {
  const app = Array.from(apps).find(a => !a.getElementsByTagName('app').length);
  const reading = doc.createElementNS('http://www.w3.org/1999/xhtml', 'evt-reading');
  for (const rdg of app.children) {
    if (!(' ' + rdg.getAttribute('wit') + ' ').includes(' #' + wit + ' ')) continue;
    for (const node of Array.from(rdg.childNodes)) {
      if (trim && node.nodeType === 3) {
        if (node.textContent.trim() === '') continue;
        node.textContent = node.textContent.trim();
      }
      reading.appendChild(node);
    }
  }
  app.parentNode.replaceChild(reading, app);
}
body.innerHTML = body.innerHTML.replace(/>[\s\r\n]*?</g, '><');
return body.textContent;
"""

_CAT = '<app><rdg wit="#A #C">cat</rdg><rdg wit="#B">dog</rdg></app>'
_SAT = '<app><rdg wit="#A">sat</rdg><rdg wit="#B #C">lay</rdg></app>'
#: what lies between the two locations, per encoding
ENCODINGS = {
    "space": f"{_CAT} {_SAT}",
    "line feed": f"{_CAT}\n{_SAT}",
    "<c> </c>": f"{_CAT}<c> </c>{_SAT}",
    "<seg> </seg>": f"{_CAT}<seg> </seg>{_SAT}",
    "U+00A0": f"{_CAT}\u00a0{_SAT}",
    "U+2009": f"{_CAT}\u2009{_SAT}",
    "space ending the reading": _CAT.replace("cat<", "cat <").replace("dog<", "dog <") + _SAT,
    "nested (the writer's)": '<app><rdg wit="#A #C">cat <app><rdg wit="#A">sat</rdg>'
    '<rdg wit="#C">lay</rdg></app></rdg><rdg wit="#B">dog lay</rdg></app>',
}
TEXTS = {
    "A": "the cat sat on the mat",
    "B": "the dog lay on the mat",
    "C": "the cat lay on the mat",
}


def small_document(between: str) -> bytes:
    witnesses = "".join(f'<witness xml:id="{s}">{s}</witness>' for s in TEXTS)
    return (
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>t'
        "</title></titleStmt><publicationStmt><p>t</p></publicationStmt><sourceDesc>"
        f"<listWit>{witnesses}</listWit></sourceDesc></fileDesc></teiHeader><text><body>"
        f'<ab xml:space="preserve">the {between} on the mat</ab></body></text></TEI>'
    ).encode()


def wrong(
    browser: Chrome, data: bytes, texts: dict[str, str], ids: dict[str, str], folder: Path
) -> tuple[int, int, int]:
    """Witnesses whose words come out wrong: in the VM, after EVT 2's whitespace regex
    alone, after its reading trim and regex."""
    panels = versioning_machine_panels(browser, data, folder, VM)
    browser.get("about:blank")
    xml = data.decode("utf-8")

    def evt(siglum: str, trim: bool) -> str:
        return str(browser.execute_script(EVT_WITNESS_TEXT, xml, ids[siglum], trim))

    return (
        sum(panels[ids[s]].split() != t.split() for s, t in texts.items()),
        sum(evt(s, False).split() != t.split() for s, t in texts.items()),
        sum(evt(s, True).split() != t.split() for s, t in texts.items()),
    )


def flat(collation: collate.Collation, data: bytes) -> bytes:
    """The document with its body one top-level `<app>` per location (words only: the
    witnesses' own whitespace is not written)."""
    root = etree.fromstring(data)
    ids = {str(w.get("n")): str(w.get(XML_ID)) for w in root.iter(tei("witness"))}
    parts = []
    for segment in collation.apparatus.segments:
        if not isinstance(segment, VariantLocation):
            parts.append(escape(segment.text))
            continue
        parts.append(f'<app n="{segment.number}">')
        for reading in segment.readings:
            wit = quoteattr(" ".join("#" + ids[s] for s in reading.sigla))
            parts.append(f"<rdg wit={wit}>{escape(reading.text)}</rdg>")
        parts.append("</app>")
    start = data.index(b"<ab xml:space")
    end = data.index(b"</ab>", start) + len(b"</ab>")
    body = '<ab xml:space="preserve">' + "".join(parts) + "</ab>"
    return data[:start] + body.encode() + data[end:]


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch, chromium("collate-ws-") as browser:
        folder = Path(scratch)
        print("| encoding | VM wrong | EVT 2 regex wrong | EVT 2 trim+regex wrong |")
        print("|---|---|---|---|")
        ids = {s: s for s in TEXTS}
        for number, (name, between) in enumerate(ENCODINGS.items()):
            counts = wrong(browser, small_document(between), TEXTS, ids, folder / f"e{number}")
            print(f"| {name} | " + " | ".join(f"{c}/3" for c in counts) + " |")
        copies(20, folder / "poem")
        collation = collate.collate(collate.read_witnesses([folder / "poem"]))
        data = collate.render(collation, "tei")
        ids = {
            str(w.get("n")): str(w.get(XML_ID)) for w in etree.fromstring(data).iter(tei("witness"))
        }
        texts = {w.siglum: w.text for w in collation.witnesses}
        for name, document in (
            ("20 copies, as written", data),
            ("20 copies, flat", flat(collation, data)),
        ):
            top = len(
                etree.fromstring(document).xpath("//t:ab/t:app", namespaces={"t": tei("")[1:-1]})
            )
            counts = wrong(browser, document, texts, ids, folder / name.replace(" ", "-"))
            print(
                f"| {name} ({top} top-level apps) | " + " | ".join(f"{c}/20" for c in counts) + " |"
            )


if __name__ == "__main__":
    main()
