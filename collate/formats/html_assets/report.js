// collate HTML report: select a variant location to see all its readings, step through
// the locations with the keyboard, filter by kind, choose the witnesses shown side by
// side. The page is complete without this script; it only adds the interaction.
"use strict";
(function () {
  const root = document.documentElement;
  const panel = document.getElementById("panel");
  const panelTitle = document.getElementById("panel-title");
  const panelBody = document.getElementById("panel-body");
  const table = document.querySelector("[data-view=table]");
  const KINDS = ["substantive", "orthographic", "omission", "transposition", "whitespace"];
  let rows = null; // the variant locations' rows, in order
  let current = -1;
  let lastView = document.querySelector("[data-view=reading]");

  function allRows() {
    if (rows === null) rows = Array.from(table.querySelectorAll("tr[id]"));
    return rows;
  }

  function kindOf(row) {
    return KINDS.find((kind) => row.classList.contains("k-" + kind));
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  // The readings of a row, grouped as the apparatus groups them, each with its sigla.
  function readings(row) {
    const sigla = Array.from(row.closest("table").tHead.rows[0].cells, (cell) => cell.textContent);
    const groups = row.dataset.groups.split(" ");
    const byGroup = new Map();
    Array.from(row.cells).slice(1).forEach((cell, index) => {
      if (!byGroup.has(groups[index])) byGroup.set(groups[index], new Map());
      const texts = byGroup.get(groups[index]);
      if (!texts.has(cell.textContent)) texts.set(cell.textContent, []);
      texts.get(cell.textContent).push(sigla[index + 1]);
    });
    const list = element("ul", "readings");
    for (const texts of byGroup.values()) {
      let target = list;
      if (texts.size > 1) {
        const item = list.appendChild(element("li"));
        item.appendChild(element("span", "type", "alike once normalised:"));
        target = item.appendChild(element("ul"));
      }
      for (const [text, names] of texts) {
        const item = target.appendChild(element("li"));
        item.appendChild(element("span", "rdg", text));
        const sigla = item.appendChild(element("span", "sigla"));
        for (const name of names) sigla.append(" ", element("span", "siglum", name));
      }
    }
    return list;
  }

  function show(row) {
    const number = row.cells[0].textContent;
    const type = row.dataset.type || kindOf(row);
    panelTitle.textContent = "Variant location " + number + ": " + type;
    const parts = [readings(row)];
    if (row.dataset.moved) {
      const note = element("p", "note", "Moved: the passage also stands at ");
      const link = note.appendChild(element("a", "n", "location " + row.dataset.moved));
      link.href = "#app" + row.dataset.moved;
      parts.push(note);
    }
    panelBody.replaceChildren(...parts);
    panel.hidden = false;
  }

  function scrollPane(pane, link) {
    const top = link.getBoundingClientRect().top - pane.getBoundingClientRect().top;
    pane.scrollTop += top - pane.clientHeight / 3;
  }

  function select(index, moveFocus) {
    for (const old of document.querySelectorAll(".current")) old.classList.remove("current");
    current = index;
    const row = allRows()[index];
    const href = "#" + row.id;
    const marks = [row];
    row.classList.add("current");
    for (const pane of document.querySelectorAll(".pane")) {
      const link = pane.querySelector('a[href="' + href + '"]');
      if (!link) continue;
      link.classList.add("current");
      marks.push(link);
      if (!pane.hidden) scrollPane(pane.querySelector(".pane-text"), link);
    }
    show(row);
    const here = marks.find((mark) => lastView.contains(mark));
    if (here && moveFocus) {
      if (here === row) row.tabIndex = -1;
      here.focus({ preventScroll: true });
      if (here === row) row.scrollIntoView({ block: "center" });
      else here.closest(".pane").scrollIntoView({ block: "nearest" });
    }
  }

  function step(direction) {
    const all = allRows();
    for (let index = current + direction; index >= 0 && index < all.length; index += direction) {
      if (!root.classList.contains("hide-k-" + kindOf(all[index]))) {
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
    const index = allRows().findIndex((row) => row.id === id);
    if (index >= 0) select(index, false);
    return index >= 0;
  }

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
    else return;
    event.preventDefault();
  });

  for (const box of document.querySelectorAll("input[data-kind]")) {
    box.addEventListener("change", () => {
      root.classList.toggle("hide-k-" + box.dataset.kind, !box.checked);
    });
  }
  for (const box of document.querySelectorAll("input[data-pane]")) {
    box.addEventListener("change", () => {
      document.getElementById(box.dataset.pane).hidden = !box.checked;
    });
  }
  for (const hidden of document.querySelectorAll(".needs-script")) hidden.hidden = false;
  root.classList.add("scripted");
  if (location.hash) selectId(location.hash.slice(1));
})();
