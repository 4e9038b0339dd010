// The fact explorer (explore/index.html): filter, search and sort the facts in
// _static/generated/explorer-data.js. Plain DOM, no libraries, no network: works from file://.
(function () {
  "use strict";
  const data = window.EXPLORER_FACTS;
  const root = document.getElementById("explorer");
  if (!data || !root) return;
  const col = Object.fromEntries(data.columns.map((name, i) => [name, i]));
  const rows = data.rows;
  const body = root.querySelector("tbody");
  const search = document.getElementById("explorer-search");
  const selects = Array.from(root.querySelectorAll("select[data-column]"));
  const count = document.getElementById("explorer-count");
  let sortKey = null, sortDir = 1;

  for (const select of selects) {
    const values = Array.from(new Set(rows.map(r => r[col[select.dataset.column]]))).sort();
    select.add(new Option("all", ""));
    for (const v of values) select.add(new Option(v, v));
    select.addEventListener("change", render);
  }
  search.addEventListener("input", render);
  for (const th of root.querySelectorAll("th[data-sort]")) {
    th.querySelector("button").addEventListener("click", () => {
      const key = th.dataset.sort;
      sortDir = sortKey === key ? -sortDir : 1;
      sortKey = key;
      for (const other of root.querySelectorAll("th[data-sort]")) other.setAttribute("aria-sort", "none");
      th.setAttribute("aria-sort", sortDir > 0 ? "ascending" : "descending");
      render();
    });
  }

  function cell(text, className) {
    const td = document.createElement("td");
    td.textContent = text;
    if (className) td.className = className;
    return td;
  }

  function render() {
    const terms = search.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    const wanted = selects.filter(s => s.value).map(s => [col[s.dataset.column], s.value]);
    let shown = rows.filter(r => wanted.every(([i, v]) => r[i] === v) &&
      terms.every(t => [col.value, col.what, col.indicator, col.pairing, col.source, col.quote, col.status, col.period]
        .some(i => String(r[i]).toLowerCase().includes(t))));
    if (sortKey) {
      const i = sortKey === "value" ? col.number : col[sortKey];
      shown = shown.slice().sort((a, b) => {
        const x = a[i], y = b[i];
        if (x === y) return 0;
        if (x === null) return 1;
        if (y === null) return -1;
        return (typeof x === "number" ? x - y : String(x).localeCompare(String(y), "zh")) * sortDir;
      });
    }
    const fragment = document.createDocumentFragment();
    for (const r of shown) {
      const tr = document.createElement("tr");
      const value = document.createElement("td");
      const link = document.createElement("a");
      link.href = r[col.href];
      link.className = "fact-link";
      link.title = r[col.quote];
      link.textContent = r[col.value];
      value.appendChild(link);
      tr.appendChild(value);
      const what = cell(r[col.what]);
      const quote = document.createElement("span");
      quote.className = "fact-quote";
      quote.lang = "zh";
      quote.textContent = r[col.quote];
      what.appendChild(document.createElement("br"));
      what.appendChild(quote);
      tr.appendChild(what);
      tr.appendChild(cell(r[col.indicator]));
      tr.appendChild(cell(r[col.pairing]));
      tr.appendChild(cell(r[col.period]));
      tr.appendChild(cell(r[col.status], r[col.status] === "achieved" ? "" : "fact-status"));
      tr.appendChild(cell(r[col.source]));
      fragment.appendChild(tr);
    }
    body.replaceChildren(fragment);
    count.textContent = `${shown.length} of ${rows.length} facts shown`;
  }
  render();
})();
