// The fact explorer (explore/index.html): filter, search and sort the facts.
// The page loads an index of every fact (_static/generated/explorer-data.js: short fields, repeated
// labels stored once); the long texts of a source's facts (what each counts, its quote) load from
// _static/generated/explorer-text/<source>.js when one of its rows is shown or a search needs them.
// Plain DOM and <script> tags (not fetch), no libraries, no network: works from file:// too.
(function () {
  "use strict";
  const data = window.EXPLORER_FACTS;
  const root = document.getElementById("explorer");
  if (!data || !root) return;
  const PAGE_ROWS = 200;  // rows drawn at a time; "Show more" draws the next ones
  const col = Object.fromEntries(data.columns.map((name, i) => [name, i]));
  const indexScript = document.querySelector("script[src$='generated/explorer-data.js']");
  const base = indexScript ? indexScript.src.replace(/explorer-data\.js(\?.*)?$/, "") : "";
  const texts = window.EXPLORER_TEXTS = window.EXPLORER_TEXTS || {};
  const loading = new Map();

  const rows = data.rows.map(r => {
    const source = data.sources[r[col.source]];
    return {
      value: r[col.value], number: r[col.number], period: r[col.period],
      indicator: data.lookups.indicator[r[col.indicator]], pairing: data.lookups.pairing[r[col.pairing]],
      status: data.lookups.status[r[col.status]], theme: data.lookups.theme[r[col.theme]],
      source: source.label, sourceIndex: r[col.source], href: `${source.page}#${r[col.anchor]}`,
      what: null, quote: null,
    };
  });
  const bySource = data.sources.map(() => []);
  rows.forEach(row => bySource[row.sourceIndex].push(row));

  const body = root.querySelector("tbody");
  const search = document.getElementById("explorer-search");
  const selects = Array.from(root.querySelectorAll("select[data-column]"));
  const count = document.getElementById("explorer-count");
  const more = document.createElement("button");
  more.type = "button";
  more.className = "explorer-more";
  more.hidden = true;
  root.appendChild(more);
  let sortKey = null, sortDir = 1, limit = PAGE_ROWS, generation = 0;

  // Load one source's texts (once) and attach them to its rows.
  function loadTexts(index) {
    const source = data.sources[index];
    if (!loading.has(index)) {
      loading.set(index, new Promise((resolve, reject) => {
        const attach = () => {
          const entries = texts[source.id];
          if (!entries) return reject(new Error(`no texts in ${source.text}`));
          bySource[index].forEach((row, k) => { [row.what, row.quote] = entries[k]; });
          resolve();
        };
        if (texts[source.id]) return attach();
        const script = document.createElement("script");
        script.src = base + source.text;
        script.onload = attach;
        script.onerror = () => reject(new Error(`could not load ${script.src}`));
        document.head.appendChild(script);
      }));
    }
    return loading.get(index);
  }
  const loadAll = () => Promise.all(data.sources.map((_, i) => loadTexts(i)));

  for (const select of selects) {
    const values = Array.from(new Set(rows.map(r => r[select.dataset.column]))).sort();
    select.add(new Option("all", ""));
    for (const v of values) select.add(new Option(v, v));
    select.addEventListener("change", () => { limit = PAGE_ROWS; render(); });
  }
  search.addEventListener("input", () => { limit = PAGE_ROWS; render(); });
  more.addEventListener("click", () => { limit += PAGE_ROWS; render(); });
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

  function rowElement(r) {
    const tr = document.createElement("tr");
    const value = document.createElement("td");
    const link = document.createElement("a");
    link.href = r.href;
    link.className = "fact-link";
    link.title = r.quote;
    link.textContent = r.value;
    value.appendChild(link);
    tr.appendChild(value);
    const what = cell(r.what);
    const quote = document.createElement("span");
    quote.className = "fact-quote";
    quote.lang = "zh";
    quote.textContent = r.quote;
    what.appendChild(document.createElement("br"));
    what.appendChild(quote);
    tr.appendChild(what);
    tr.appendChild(cell(r.indicator));
    tr.appendChild(cell(r.pairing));
    tr.appendChild(cell(r.period));
    tr.appendChild(cell(r.status, r.status === "achieved" ? "" : "fact-status"));
    tr.appendChild(cell(r.source));
    return tr;
  }

  async function render() {
    const mine = ++generation;
    const terms = search.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    if (terms.length || sortKey === "what") {
      count.textContent = "Loading the facts' texts…";
      await loadAll();
      if (mine !== generation) return;
    }
    const wanted = selects.filter(s => s.value).map(s => [s.dataset.column, s.value]);
    const fields = ["value", "what", "indicator", "pairing", "source", "quote", "status", "period"];
    let shown = rows.filter(r => wanted.every(([k, v]) => r[k] === v) &&
      terms.every(t => fields.some(k => String(r[k]).toLowerCase().includes(t))));
    if (sortKey) {
      const k = sortKey === "value" ? "number" : sortKey;
      shown = shown.slice().sort((a, b) => {
        const x = a[k], y = b[k];
        if (x === y) return 0;
        if (x === null) return 1;
        if (y === null) return -1;
        return (typeof x === "number" ? x - y : String(x).localeCompare(String(y), "zh")) * sortDir;
      });
    }
    const visible = shown.slice(0, limit);
    await Promise.all(Array.from(new Set(visible.map(r => r.sourceIndex)), loadTexts));
    if (mine !== generation) return;
    const fragment = document.createDocumentFragment();
    visible.forEach(r => fragment.appendChild(rowElement(r)));
    body.replaceChildren(fragment);
    const rest = shown.length - visible.length;
    more.hidden = rest <= 0;
    more.textContent = `Show ${Math.min(rest, PAGE_ROWS)} more of the ${rest} not shown`;
    count.textContent = `${shown.length} of ${rows.length} facts shown` +
      (rest > 0 ? ` (the first ${visible.length} listed)` : "");
  }
  render().catch(error => { count.textContent = `The explorer could not load its data: ${error.message}`; throw error; });
})();
