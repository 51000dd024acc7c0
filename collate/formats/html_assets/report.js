// collate HTML report: select a variant location to see all its readings and bring every
// pane to it; the panes scroll together by alignment position; go to a location or a
// line; search the texts; an overview strip of where variation is dense; two witnesses
// against each other; filter by kind. The page is complete without this script; it
// only adds the interaction.
"use strict";
(function () {
  const root = document.documentElement;
  const panel = document.getElementById("panel");
  const panelTitle = document.getElementById("panel-title");
  const panelBody = document.getElementById("panel-body");
  const table = document.querySelector("[data-view=table]");
  const strip = document.getElementById("overview");
  const KINDS = Array.from(document.querySelectorAll("input[data-kind]"), (box) => box.dataset.kind);
  // where in a pane's height the location being read is held
  const READING_LINE = 1 / 3;
  let rows = null; // the variant locations' rows, in order
  let rowIndex = null; // row id -> its index
  let current = -1;
  let lastView = document.querySelector("[data-view=reading]");

  function allRows() {
    if (rows === null) {
      rows = Array.from(table.querySelectorAll("tr[id]"));
      rowIndex = new Map(rows.map((row, index) => [row.id, index]));
    }
    return rows;
  }

  function kindOf(row) {
    return KINDS.find((kind) => row.classList.contains("k-" + kind));
  }

  function hiddenKind(kind) {
    return root.classList.contains("hide-k-" + kind);
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  // Binary search: the last index in [0, length) for which before(index) holds, or -1.
  function lastWhere(length, before) {
    let low = 0;
    let high = length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (before(middle)) low = middle + 1;
      else high = middle;
    }
    return low - 1;
  }

  // ------------------------------------------------------------------ the panes

  const panes = Array.from(document.querySelectorAll(".pane"), (pane) => ({
    pane: pane,
    text: pane.querySelector(".pane-text"),
    siglum: pane.querySelector("h3").textContent,
    marks: null, // its marks, one per variant location, in order
    chunks: null, // its blocks laid out on demand, and the index of each one's first mark
    firstMark: null,
    index: null, // its text, for search and line numbers
    placing: null, // the newest placement still being corrected
    pinned: null, // the block it is held at, laid out whatever its distance from view
  }));
  const paneOf = new Map(panes.map((p) => [p.pane, p]));
  // the texts of the panes not written out (beyond the first few): pane id -> pieces,
  // shared text and readings in turn
  const deferredBlock = document.getElementById("deferred-panes");
  const deferred = deferredBlock ? JSON.parse(deferredBlock.textContent) : {};
  const CHUNK = 20000; // characters in a block laid out on demand, as the page's own

  // Write out a deferred pane's text with a mark for every variant location, as the
  // page does for the first panes.
  function build(p) {
    const pieces = deferred[p.pane.id];
    if (!pieces) return;
    delete deferred[p.pane.id];
    const all = allRows();
    const blocks = [element("div", "chunk")];
    let size = 0;
    let afterGap = false;
    pieces.forEach((piece, n) => {
      let text = piece;
      if (n % 2 === 0) {
        while (size + text.length > CHUNK && text.indexOf("\n", Math.max(0, CHUNK - size - 1)) >= 0) {
          const cut = text.indexOf("\n", Math.max(0, CHUNK - size - 1)) + 1;
          blocks[blocks.length - 1].append(text.slice(0, cut));
          blocks.push(element("div", "chunk"));
          size = 0;
          text = text.slice(cut);
        }
        if (text) {
          blocks[blocks.length - 1].append(text);
          afterGap = false;
        }
        size += text.length;
        return;
      }
      const row = all[(n - 1) / 2];
      const mark = element("a", ["v", ...Array.from(row.classList).filter((c) => /^(k-|h\d$)/.test(c))].join(" "), text);
      mark.href = "#" + row.id;
      if (!text) {
        mark.setAttribute("aria-label", "variant " + row.id.slice(3) + ": no text here");
        if (afterGap) mark.classList.add("cont");
      }
      afterGap = !text;
      size += text.length;
      blocks[blocks.length - 1].appendChild(mark);
    });
    p.text.replaceChildren(...blocks);
    p.marks = null;
    p.index = null;
    p.pinned = null;
  }
  let leader = null; // the pane the reader is scrolling; the others follow it

  function marks(p) {
    if (p.marks === null) {
      p.marks = Array.from(p.text.getElementsByTagName("a"));
      p.chunks = Array.from(p.text.children);
      p.firstMark = [];
      let count = 0;
      for (const chunk of p.chunks) {
        p.firstMark.push(count);
        count += chunk.getElementsByTagName("a").length;
      }
    }
    return p.marks;
  }

  function shownPanes() {
    return panes.filter((p) => !p.pane.hidden);
  }

  // A box's top in the pane's scrolled content, in pixels. Blocks not yet laid out
  // count at their placeholder height, so this is only true of the layout at hand:
  // `place` measures again after the browser has laid out what came into view.
  function topIn(p, box) {
    return box.getBoundingClientRect().top - p.text.getBoundingClientRect().top + p.text.scrollTop;
  }

  function markTop(p, index) {
    const all = marks(p);
    if (index < 0) return 0;
    if (index >= all.length) return p.text.scrollHeight;
    return topIn(p, all[index]);
  }

  // Have the browser lay out the block holding `node` whatever its distance from view:
  // a block not laid out has its placeholder height, and what it holds would be
  // measured at a place where nothing is drawn.
  function pin(p, node) {
    const chunk = (node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement).closest(".chunk");
    if (p.pinned === chunk) return;
    const around = (block) => (block ? [block.previousElementSibling, block, block.nextElementSibling] : []);
    for (const old of around(p.pinned)) if (old) old.classList.remove("pinned");
    p.pinned = chunk;
    // and its neighbours, which share the pane's box with it around the reading line
    for (const block of around(chunk)) if (block) block.classList.add("pinned");
  }

  // The content height at alignment position (index, fraction): `fraction` of the way
  // from location `index`'s mark to the next one (-1: from the top of the text).
  function yAt(p, index, fraction) {
    const all = marks(p);
    if (all.length) pin(p, all[Math.max(0, Math.min(index, all.length - 1))]);
    const top = markTop(p, index);
    return top + fraction * Math.max(0, markTop(p, index + 1) - top);
  }

  // The alignment position at the pane's reading line: the last mark above it and how
  // far on towards the next. Only the block on the reading line is searched mark by
  // mark; the blocks are searched by their own boxes.
  function positionOf(p) {
    const all = marks(p);
    const y = p.text.scrollTop + p.text.clientHeight * READING_LINE;
    if (!all.length) return { index: -1, fraction: 0 };
    const chunk = Math.max(0, lastWhere(p.chunks.length, (k) => topIn(p, p.chunks[k]) <= y));
    const from = p.firstMark[chunk];
    const to = chunk + 1 < p.chunks.length ? p.firstMark[chunk + 1] : all.length;
    let index = from + lastWhere(to - from, (k) => markTop(p, from + k) <= y);
    if (index < from && from > 0) index = from - 1;
    const top = markTop(p, index);
    const span = markTop(p, index + 1) - top;
    return { index: index, fraction: span > 0 ? Math.min(1, Math.max(0, (y - top) / span)) : 0 };
  }

  // Scroll the pane so that content height `y()` sits on its reading line, and keep
  // correcting for a few frames while the blocks around it are laid out at their real
  // heights (until two measurements in a row agree).
  function place(p, y) {
    const request = {};
    p.placing = request;
    let tries = 0;
    let steady = 0;
    function step() {
      if (p.placing !== request) return;
      const delta = y() - p.text.scrollTop - p.text.clientHeight * READING_LINE;
      if (Math.abs(delta) > 1) p.text.scrollTop += delta;
      steady = Math.abs(delta) <= 1 ? steady + 1 : 0;
      if (steady < 3 && ++tries < 60) requestAnimationFrame(step);
      else p.placing = null;
    }
    step();
  }

  function alignPanes(index, fraction, except) {
    for (const p of shownPanes()) {
      if (p !== except) place(p, () => yAt(p, index, fraction));
    }
    showHere(index);
  }

  // The followers are placed again on each frame until the leader's position has held
  // for a few frames: what the leader shows settles only once the browser has laid out
  // the blocks that came into its view.
  let following = null; // the position the followers were last placed at
  let rounds = -1; // frames left to watch the leader; -1 when not watching
  function followLeader() {
    if (leader === null || leader.pane.hidden) {
      rounds = -1;
      return;
    }
    const at = positionOf(leader);
    if (following === null || at.index !== following.index ||
        Math.abs(at.fraction - following.fraction) > 0.002) {
      following = at;
      alignPanes(at.index, at.fraction, leader);
      rounds = Math.max(rounds, 3);
    }
    rounds -= 1;
    if (rounds >= 0) requestAnimationFrame(followLeader);
  }
  for (const p of panes) {
    for (const type of ["wheel", "pointerdown", "touchstart", "keydown"]) {
      // the reader's own scrolling wins over a placement still being corrected
      p.text.addEventListener(type, () => { leader = p; p.placing = null; }, { passive: true });
    }
    p.text.addEventListener("scroll", () => {
      if (leader !== p || p.placing !== null) return;
      if (rounds < 0) requestAnimationFrame(followLeader);
      rounds = Math.max(rounds, 6);
    }, { passive: true });
  }

  // ------------------------------------------------------------------ text and lines

  // A pane's text as one string, with where each text node and each mark starts in it.
  function textIndex(p) {
    if (p.index !== null) return p.index;
    const pieces = deferred[p.pane.id];
    if (pieces) { // not written out yet: its text and marks from its pieces
      const markAt = [];
      let offset = 0;
      pieces.forEach((piece, n) => {
        if (n % 2) markAt.push(offset);
        offset += piece.length;
      });
      p.index = withLines({ nodes: [], starts: [], markAt, text: pieces.join(""), words: null });
      return p.index;
    }
    const nodes = [];
    const starts = [];
    const markAt = [];
    const parts = [];
    let offset = 0;
    const walker = document.createTreeWalker(p.text, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      if (node.nodeType === Node.TEXT_NODE) {
        nodes.push(node);
        starts.push(offset);
        parts.push(node.data);
        offset += node.data.length;
      } else if (node.tagName === "A") {
        markAt.push(offset);
      }
    }
    p.index = withLines({ nodes, starts, markAt, text: parts.join(""), words: null });
    return p.index;
  }

  function withLines(index) {
    index.lineStarts = [0];
    const text = index.text;
    for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) {
      index.lineStarts.push(at + 1);
    }
    return index;
  }

  function lineOf(p, offset) {
    const lines = textIndex(p).lineStarts;
    return lastWhere(lines.length, (k) => lines[k] <= offset) + 1;
  }

  function rangeAt(p, start, end) {
    const index = textIndex(p);
    const range = document.createRange();
    for (const [offset, setter] of [[start, "setStart"], [end, "setEnd"]]) {
      const k = Math.max(0, lastWhere(index.nodes.length, (n) => index.starts[n] <= offset));
      const node = index.nodes[k];
      range[setter](node, Math.min(node.data.length, offset - index.starts[k]));
    }
    return range;
  }

  // Bring a character offset of pane p onto its reading line, and every other pane to
  // the same alignment position.
  function goToOffset(p, start, end) {
    const index = textIndex(p);
    const range = rangeAt(p, start, end);
    leader = p; // the others follow this pane, not the one last scrolled
    pin(p, range.startContainer);
    place(p, () => topIn(p, range));
    const mark = lastWhere(index.markAt.length, (k) => index.markAt[k] <= start);
    const next = mark + 1 < index.markAt.length ? index.markAt[mark + 1] : index.text.length;
    const from = mark >= 0 ? index.markAt[mark] : 0;
    alignPanes(mark, next > from ? (start - from) / (next - from) : 0, p);
    p.pane.scrollIntoView({ block: "nearest" });
    return range;
  }

  // ------------------------------------------------------------------ the panel

  // The readings of a row, grouped as the apparatus groups them, each with its sigla
  // and the line each witness has it on.
  function readings(row, index) {
    const sigla = Array.from(row.closest("table").tHead.rows[0].cells, (cell) => cell.textContent);
    const groups = row.dataset.groups.split(" ");
    const byGroup = new Map();
    Array.from(row.cells).slice(1).forEach((cell, column) => {
      if (!byGroup.has(groups[column])) byGroup.set(groups[column], new Map());
      const texts = byGroup.get(groups[column]);
      if (!texts.has(cell.textContent)) texts.set(cell.textContent, []);
      texts.get(cell.textContent).push(column);
    });
    const list = element("ul", "readings");
    for (const texts of byGroup.values()) {
      let target = list;
      if (texts.size > 1) {
        const item = list.appendChild(element("li"));
        item.appendChild(element("span", "type", "alike once normalised:"));
        target = item.appendChild(element("ul"));
      }
      for (const [text, columns] of texts) {
        const item = target.appendChild(element("li"));
        item.appendChild(element("span", "rdg", text));
        const names = item.appendChild(element("span", "sigla"));
        for (const column of columns) {
          const name = names.appendChild(element("span", "siglum", sigla[column + 1]));
          names.insertBefore(document.createTextNode(" "), name);
          const p = panes[column];
          if (p && panes.length <= 50) {
            const at = textIndex(p).markAt[index];
            if (at !== undefined) name.appendChild(element("span", "ref", " l.\u202f" + lineOf(p, at)));
          }
        }
      }
    }
    return list;
  }

  function show(row, index) {
    const number = row.cells[0].textContent;
    panelTitle.textContent = "Variant location " + number + ": " + kindOf(row);
    const parts = [readings(row, index)];
    if (row.dataset.moved) {
      const note = element("p", "note", "Moved: the passage also stands at ");
      const link = note.appendChild(element("a", "n", "location " + row.dataset.moved));
      link.href = "#app" + row.dataset.moved;
      parts.push(note);
    }
    panelBody.replaceChildren(...parts);
    panel.hidden = false;
  }

  function select(index, moveFocus) {
    for (const old of document.querySelectorAll(".current")) old.classList.remove("current");
    current = index;
    const row = allRows()[index];
    const marksHere = [row];
    row.classList.add("current");
    for (const p of panes) {
      const mark = marks(p)[index];
      if (!mark) continue;
      mark.classList.add("current");
      marksHere.push(mark);
    }
    leader = null; // every pane goes to the location; none follows another
    alignPanes(index, 0, null);
    show(row, index);
    const here = marksHere.find((mark) => lastView.contains(mark));
    if (here && moveFocus) {
      if (here === row) row.tabIndex = -1;
      here.focus({ preventScroll: true });
      if (here === row) row.scrollIntoView({ block: "center" });
    }
    if (lastView.dataset.view === "reading") lastView.scrollIntoView({ block: "nearest" });
  }

  function step(direction) {
    const all = allRows();
    for (let index = current + direction; index >= 0 && index < all.length; index += direction) {
      if (!hiddenKind(kindOf(all[index]))) {
        select(index, true);
        return;
      }
    }
  }

  function close() {
    panel.hidden = true;
    for (const old of document.querySelectorAll(".current")) old.classList.remove("current");
  }

  function selectId(id) {
    allRows();
    const index = rowIndex.get(id);
    if (index !== undefined) select(index, false);
    return index !== undefined;
  }

  // ------------------------------------------------------------------ the overview strip

  const cells = strip ? Array.from(strip.querySelectorAll("rect[data-n]")) : [];
  const here = document.getElementById("overview-here");

  function showHere(index) {
    if (!here || !cells.length) return;
    const number = index < 0 ? 0 : Number(allRows()[Math.min(index, rows.length - 1)].id.slice(3));
    const cell = Math.max(0, lastWhere(cells.length, (k) => Number(cells[k].dataset.n) <= number));
    here.setAttribute("x", String(cell));
  }

  function recolourStrip() {
    const shown = KINDS.map((kind) => !hiddenKind(kind));
    const counts = cells.map((cell) =>
      cell.dataset.c.split(" ").reduce((sum, count, k) => sum + (shown[k] ? Number(count) : 0), 0));
    const most = Math.max(1, ...counts);
    cells.forEach((cell, k) => {
      cell.setAttribute("class", "d" + (counts[k] ? Math.ceil((9 * counts[k]) / most) : 0));
    });
  }

  if (strip) {
    strip.addEventListener("click", (event) => {
      const cell = event.target.closest("rect[data-n]");
      if (!cell) return;
      lastView = document.querySelector("[data-view=reading]");
      selectId("app" + cell.dataset.n);
    });
  }

  // ------------------------------------------------------------------ go to

  const status = document.getElementById("goto-status");

  function say(text) {
    if (status) status.textContent = text;
  }

  function revealPane(p) {
    if (!p.pane.hidden) return;
    build(p);
    p.pane.hidden = false;
    const box = document.querySelector('input[data-pane="' + p.pane.id + '"]');
    if (box) box.checked = true;
  }

  const gotoForm = document.getElementById("goto");
  if (gotoForm) {
    gotoForm.addEventListener("submit", (event) => {
      event.preventDefault();
      const n = Math.floor(Number(document.getElementById("goto-n").value));
      const siglum = document.getElementById("goto-in").value;
      lastView = document.querySelector("[data-view=reading]");
      if (!siglum) {
        if (selectId("app" + n)) say("Variant location " + n + ".");
        else say("There is no variant location " + n + " (they run from 1 to " + allRows().length + ").");
        return;
      }
      const p = panes.find((pane) => pane.siglum === siglum);
      const lines = textIndex(p).lineStarts;
      if (!(n >= 1 && n <= lines.length)) {
        say(siglum + " has lines 1 to " + lines.length + ".");
        return;
      }
      revealPane(p);
      const end = n < lines.length ? lines[n] : textIndex(p).text.length;
      highlight(goToOffset(p, lines[n - 1], Math.max(lines[n - 1], end - 1)));
      say("Line " + n + " of " + siglum + ".");
    });
  }

  // ------------------------------------------------------------------ search

  // Search runs over a pane's words joined by single spaces: exactly as written, or
  // lower-cased without punctuation (normalised). Either way a space in the query
  // stands for any spacing or line break, which a one-line search box cannot type.
  const PATTERNS = { exact: /\S+/g, normal: /[\p{L}\p{N}\p{M}]+/gu };

  function prepare(word, exact) {
    return exact ? word : word.toLowerCase();
  }

  // The pane's words in one mode, joined by spaces, with where each word starts there
  // (from) and in the text itself (to).
  function words(p, exact) {
    const index = textIndex(p);
    const mode = exact ? "exact" : "normal";
    if (index.words === null) index.words = {};
    if (!index.words[mode]) {
      const parts = [];
      const from = [];
      const to = [];
      let length = 0;
      for (const match of index.text.matchAll(PATTERNS[mode])) {
        const word = prepare(match[0], exact);
        from.push(length);
        to.push(match.index);
        parts.push(word);
        length += word.length + 1;
      }
      index.words[mode] = { text: parts.join(" "), from, to };
    }
    return index.words[mode];
  }

  function queryWords(query, exact) {
    return (query.match(PATTERNS[exact ? "exact" : "normal"]) || [])
      .map((word) => prepare(word, exact)).join(" ");
  }

  // Where the query stands in pane p: [start, end) offsets into its text, at most `limit`.
  function find(p, query, exact, limit) {
    const hits = [];
    const w = words(p, exact);
    const original = (k) => {
      const word = Math.max(0, lastWhere(w.from.length, (n) => w.from[n] <= k));
      return w.to[word] + (k - w.from[word]);
    };
    for (let at = w.text.indexOf(query); at >= 0 && hits.length < limit; at = w.text.indexOf(query, at + 1)) {
      hits.push([original(at), original(at + query.length - 1) + 1]);
    }
    return hits;
  }

  function highlight(range) {
    if (window.Highlight && CSS.highlights) CSS.highlights.set("collate-found", new Highlight(range));
  }

  const LISTED = 20; // hits listed per witness
  const COUNTED = 1000; // hits counted per witness

  function search(query, siglum, exact) {
    const results = document.getElementById("search-results");
    const wanted = queryWords(query, exact);
    if (!wanted) {
      // say so, rather than leave the last search's hits standing as if they were these
      const words = exact ? "words" : "words (as normalised)";
      results.replaceChildren(element("p", "note", "No " + words + " to find in \u201c" + query + "\u201d."));
      if (window.Highlight && CSS.highlights) CSS.highlights.delete("collate-found");
      return;
    }
    const list = element("ul", "hits");
    const summary = [];
    for (const [k, p] of panes.entries()) {
      if (siglum && p.siglum !== siglum) continue;
      const hits = find(p, wanted, exact, COUNTED);
      summary.push(p.siglum + ": " + (hits.length >= COUNTED ? COUNTED + "+" : hits.length));
      const text = textIndex(p).text;
      for (const [start, end] of hits.slice(0, LISTED)) {
        const item = list.appendChild(element("li"));
        const button = item.appendChild(element("button", "hit"));
        button.type = "button";
        button.dataset.pane = String(k);
        button.dataset.start = String(start);
        button.dataset.end = String(end);
        button.append(element("span", "siglum", p.siglum + " l.\u202f" + lineOf(p, start)), " \u2026");
        button.append(text.slice(Math.max(0, start - 40), start).replace(/\s+/g, " "));
        button.append(element("mark", null, text.slice(start, end)));
        button.append(text.slice(end, end + 40).replace(/\s+/g, " ") + "\u2026");
      }
    }
    const head = element("p", "note", "Found \u201c" + query + "\u201d \u2014 " + summary.join(" \u00b7 "));
    results.replaceChildren(head, list);
    const first = list.querySelector("button");
    if (first) first.click();
  }

  const searchForm = document.getElementById("search");
  if (searchForm) {
    searchForm.addEventListener("submit", (event) => {
      event.preventDefault();
      search(
        document.getElementById("search-q").value,
        document.getElementById("search-in").value,
        document.getElementById("search-exact").checked,
      );
    });
    document.getElementById("search-results").addEventListener("click", (event) => {
      const hit = event.target.closest("button.hit");
      if (!hit) return;
      const p = panes[Number(hit.dataset.pane)];
      revealPane(p);
      lastView = document.querySelector("[data-view=reading]");
      highlight(goToOffset(p, Number(hit.dataset.start), Number(hit.dataset.end)));
    });
  }

  // ------------------------------------------------------------------ two witnesses

  const pairForm = document.getElementById("pair-form");
  const pairResult = document.getElementById("pair-result");
  const PAIR_LISTED = 300;

  function comparePair(all) {
    const a = Number(document.getElementById("pair-0").value);
    const b = Number(document.getElementById("pair-1").value);
    const sigla = Array.from(table.querySelector("thead").rows[0].cells, (cell) => cell.textContent);
    const counts = { same: 0, alike: 0, absent: 0, differ: 0 };
    const differing = [];
    for (const row of allRows()) {
      if (hiddenKind(kindOf(row))) continue;
      const ta = row.cells[a + 1].textContent;
      const tb = row.cells[b + 1].textContent;
      const groups = row.dataset.groups.split(" ");
      if (!ta && !tb) counts.absent += 1;
      else if (ta === tb) counts.same += 1;
      else if (groups[a] === groups[b]) counts.alike += 1;
      else {
        counts.differ += 1;
        differing.push([row, ta, tb]);
      }
    }
    const summary = element("p", null,
      sigla[a + 1] + " and " + sigla[b + 1] + " at the variant locations shown: differ at " +
      counts.differ + ", read the same at " + counts.same + ", alike once normalised at " +
      counts.alike + ", both without text at " + counts.absent + ".");
    const grid = element("table", "pair");
    const head = grid.createTHead().insertRow();
    for (const heading of ["#", sigla[a + 1], sigla[b + 1]]) head.appendChild(element("th", null, heading));
    const body = grid.createTBody();
    for (const [row, ta, tb] of all ? differing : differing.slice(0, PAIR_LISTED)) {
      const line = body.insertRow();
      line.className = kindOf(row) ? "k-" + kindOf(row) + " h1" : "";
      const link = line.insertCell().appendChild(element("a", "n", row.cells[0].textContent));
      link.href = "#" + row.id;
      for (const text of [ta, tb]) {
        const cell = line.insertCell();
        if (text) cell.textContent = text;
        else cell.className = "om";
      }
    }
    const parts = [summary, grid];
    if (!all && differing.length > PAIR_LISTED) {
      const more = element("button", null, "Show all " + differing.length + " differences");
      more.type = "button";
      more.addEventListener("click", () => comparePair(true));
      parts.push(more);
    }
    pairResult.replaceChildren(...parts);
  }

  if (pairForm) {
    pairForm.addEventListener("change", () => comparePair(false));
    pairForm.addEventListener("submit", (event) => event.preventDefault());
  }

  // ------------------------------------------------------------------ events

  document.addEventListener("click", (event) => {
    if (!(event.target instanceof Element)) return;
    const action = event.target.closest("[data-action]");
    if (action) {
      const name = action.dataset.action;
      if (name === "close") close();
      else step(name === "next" ? 1 : -1);
      return;
    }
    const link = event.target.closest("a.v, a.n");
    const row = link ? null : event.target.closest("tr[id]");
    const id = link ? link.getAttribute("href").slice(1) : row && row.id;
    if (!id) return;
    lastView = event.target.closest("[data-view]") || lastView;
    if (link && link.classList.contains("v")) leader = paneOf.get(link.closest(".pane")) || leader;
    if (selectId(id)) event.preventDefault();
  });

  document.addEventListener("focusin", (event) => {
    const view = event.target.closest("[data-view]");
    if (view) lastView = view;
  });

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target instanceof Element ? event.target : root;
    if (target.closest("input, textarea, select, [contenteditable]")) return;
    const key = event.key;
    if (key === "n" || key === "j") step(1);
    else if (key === "p" || key === "k") step(-1);
    else if (key === "Escape" && !panel.hidden) close();
    else if (key === "/" && searchForm) document.getElementById("search-q").focus();
    else return;
    event.preventDefault();
  });

  for (const box of document.querySelectorAll("input[data-kind]")) {
    box.addEventListener("change", () => {
      root.classList.toggle("hide-k-" + box.dataset.kind, !box.checked);
      recolourStrip();
      if (pairResult && pairResult.firstChild) comparePair(false);
    });
  }
  for (const box of document.querySelectorAll("input[data-pane]")) {
    box.addEventListener("change", () => {
      const pane = document.getElementById(box.dataset.pane);
      if (box.checked) build(paneOf.get(pane));
      pane.hidden = !box.checked;
      const guide = shownPanes().find((p) => p.pane !== pane);
      if (box.checked && guide) {
        const at = positionOf(guide);
        const p = paneOf.get(pane);
        place(p, () => yAt(p, at.index, at.fraction));
      }
    });
  }
  for (const hidden of document.querySelectorAll(".needs-script")) hidden.hidden = false;
  for (const note of document.querySelectorAll(".no-script")) note.hidden = true;
  if (pairForm) setTimeout(() => comparePair(false), 0);
  root.classList.add("scripted");
  if (location.hash) selectId(location.hash.slice(1));
  performance.mark("collate-ready");
})();
