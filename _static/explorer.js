// The fact explorer (explore/index.html): filter, search and sort the facts.
// The page loads an index of every fact (_static/generated/explorer-data.js: short fields, repeated
// labels stored once); the long texts of a source's facts (what each counts, its quote) load from
// _static/generated/explorer-text/<source>.js when one of its rows is shown or a search needs them.
// The view (search, filters, sort) lives in the page's address, so a view can be linked and cited;
// "Download these rows" saves exactly the facts the view shows as a spreadsheet-safe CSV. A search
// for a place name in either script finds the same facts (沿河 and Yanhe: EXPLORER_FACTS.names).
// Plain DOM and <script> tags (not fetch), no libraries, no network: works from file:// too.
(function () {
  "use strict";
  const data = window.EXPLORER_FACTS;
  const root = document.getElementById("explorer");
  if (!data || !root) return;
  const PAGE_ROWS = 200;  // rows drawn at a time; "Show more" draws the next ones
  // The words the script writes, in the page's language: the Chinese explorer (zh/explore/) says
  // so with data-lang="zh" on its root, or the page's <html lang> does.
  const STRINGS = {
    en: {
      all: "all", achieved: "achieved", loading: "Loading the facts' texts…",
      more: (n, rest) => `Show ${n} more of the ${rest} not shown`,
      count: (shown, total, listed) => `${shown} of ${total} facts shown` + (listed ? ` (the first ${listed} listed)` : ""),
      failed: message => `The explorer could not load its data: ${message}`,
      csv: ["fact_id", "value", "number", "what_it_counts", "quote", "indicator", "pairing", "period", "period_in_words",
        "status", "theme", "source", "sentence"],
    },
    zh: {
      all: "全部", achieved: "已实现", loading: "正在载入数据原文…",
      more: (n, rest) => `再显示${n}条（尚有${rest}条未显示）`,
      count: (shown, total, listed) => `共${total}条数据，显示${shown}条` + (listed ? `（列出前${listed}条）` : ""),
      failed: message => `数据浏览无法载入数据：${message}`,
      csv: ["数据编号", "数值", "规范化数值", "所计内容", "原文", "指标", "结对", "时间（代码）", "时间",
        "状态", "主题", "来源", "原句链接"],
    },
  };
  const words = STRINGS[(root.dataset.lang || document.documentElement.lang || "en").toLowerCase().startsWith("zh") ? "zh" : "en"];
  const col = Object.fromEntries(data.columns.map((name, i) => [name, i]));
  const indexScript = document.querySelector("script[src$='generated/explorer-data.js'], script[src$='generated/explorer-data-zh.js']");
  const base = indexScript ? indexScript.src.replace(/explorer-data(-zh)?\.js(\?.*)?$/, "") : "";
  const texts = window.EXPLORER_TEXTS = window.EXPLORER_TEXTS || {};
  const loading = new Map();

  const rows = data.rows.map(r => {
    const source = data.sources[r[col.source]];
    return {
      value: r[col.value], number: r[col.number], period: r[col.period],
      periodWords: col.period_words === undefined ? r[col.period] : data.lookups.period_words[r[col.period_words]],
      indicator: data.lookups.indicator[r[col.indicator]], pairing: data.lookups.pairing[r[col.pairing]],
      status: data.lookups.status[r[col.status]], theme: data.lookups.theme[r[col.theme]],
      places: data.lookups.places[r[col.places]], factId: r[col.anchor].replace(/^fact-/, ""),
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
  const permalink = document.getElementById("explorer-permalink");
  const download = document.getElementById("explorer-download");
  let sortKey = null, sortDir = 1, limit = PAGE_ROWS, generation = 0, shownRows = [];

  // Lower case without accents (Garzê = garze), so a search ignores both.
  const fold = text => String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  const nameGroups = (data.names || []).map(group => group.map(fold));
  // A search term and, when it is a place's name in one script, that place's names in the other.
  function alternatives(term) {
    const found = new Set([term]);
    for (const group of nameGroups) if (group.includes(term)) group.forEach(name => found.add(name));
    return Array.from(found);
  }

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
    select.add(new Option(words.all, ""));
    for (const v of values) select.add(new Option(v, v));
    select.addEventListener("change", () => { limit = PAGE_ROWS; render(); });
  }
  search.addEventListener("input", () => { limit = PAGE_ROWS; render(); });
  download.addEventListener("click", () => downloadShown().catch(error => { count.textContent = error.message; }));
  more.addEventListener("click", () => { limit += PAGE_ROWS; render(); });
  for (const th of root.querySelectorAll("th[data-sort]")) {
    th.querySelector("button").addEventListener("click", () => {
      const key = th.dataset.sort;
      setSort(key, sortKey === key ? -sortDir : 1);
      render();
    });
  }
  function setSort(key, dir) {
    sortKey = key;
    sortDir = dir;
    for (const th of root.querySelectorAll("th[data-sort]")) {
      th.setAttribute("aria-sort", th.dataset.sort !== key ? "none" : dir > 0 ? "ascending" : "descending");
    }
  }

  // The view in the address: ?q=…&pairing=…&status=…&sort=-value. Read once on load, written on
  // every change (replaceState: the back button leaves the explorer rather than undoing a filter).
  function readView() {
    const params = new URLSearchParams(window.location.search);
    search.value = params.get("q") || "";
    for (const select of selects) {
      const wanted = params.get(select.dataset.column) || "";
      if (Array.from(select.options).some(o => o.value === wanted)) select.value = wanted;
    }
    const sort = params.get("sort") || "";
    const key = sort.replace(/^-/, "");
    if (root.querySelector(`th[data-sort="${CSS.escape(key)}"]`)) setSort(key, sort.startsWith("-") ? -1 : 1);
  }
  function viewQuery() {
    const params = new URLSearchParams();
    if (search.value.trim()) params.set("q", search.value.trim());
    for (const select of selects) if (select.value) params.set(select.dataset.column, select.value);
    if (sortKey) params.set("sort", (sortDir < 0 ? "-" : "") + sortKey);
    const query = params.toString();
    return query ? `?${query}` : "";
  }
  function writeView() {
    const address = window.location.pathname + viewQuery() + window.location.hash;
    try { window.history.replaceState(null, "", address); } catch (e) { /* some file:// browsers refuse */ }
    permalink.href = window.location.pathname + viewQuery();
  }

  // Each cell carries its column's name: on a phone the rows become cards that show it (CSS).
  const labels = Array.from(root.querySelectorAll("thead th")).map(th => th.textContent.trim());
  const {appendText} = window.EastWest;  // Chinese runs carry lang="zh" (_static/page-boxes.js)
  function cell(text, className) {
    const td = document.createElement("td");
    appendText(td, text);
    if (className) td.className = className;
    return td;
  }

  function rowElement(r) {
    const tr = document.createElement("tr");
    const value = document.createElement("td");
    const link = document.createElement("a");
    link.href = r.href;
    link.className = "fact-link";
    link.dataset.quote = r.quote;
    link.textContent = r.value;
    value.appendChild(link);
    tr.appendChild(value);
    const what = cell(r.what);  // a fact without a Chinese description shows its quote alone in the Chinese explorer
    const quote = document.createElement("span");
    quote.className = "fact-quote";
    quote.lang = "zh";
    quote.textContent = r.quote;
    if (r.what) what.appendChild(document.createElement("br"));
    what.appendChild(quote);
    tr.appendChild(what);
    tr.appendChild(cell(r.indicator));
    tr.appendChild(cell(r.pairing));
    tr.appendChild(cell(r.periodWords));
    tr.appendChild(cell(r.status, r.status === words.achieved ? "" : "fact-status"));
    tr.appendChild(cell(r.source));
    Array.from(tr.children).forEach((td, i) => { td.dataset.label = labels[i]; });
    return tr;
  }

  async function render() {
    const mine = ++generation;
    writeView();
    const terms = fold(search.value.trim()).split(/\s+/).filter(Boolean).map(alternatives);
    if (terms.length || sortKey === "what" || sortKey === "quote") {
      count.textContent = words.loading;
      await loadAll();
      if (mine !== generation) return;
    }
    const wanted = selects.filter(s => s.value).map(s => [s.dataset.column, s.value]);
    const fields = ["value", "what", "indicator", "pairing", "source", "quote", "status", "period", "periodWords", "places"];
    let shown = rows.filter(r => wanted.every(([k, v]) => r[k] === v) &&
      terms.every(names => fields.some(k => { const text = fold(r[k]); return names.some(n => text.includes(n)); })));
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
    shownRows = shown;
    download.disabled = shown.length === 0;
    const visible = shown.slice(0, limit);
    await Promise.all(Array.from(new Set(visible.map(r => r.sourceIndex)), loadTexts));
    if (mine !== generation) return;
    const fragment = document.createDocumentFragment();
    visible.forEach(r => fragment.appendChild(rowElement(r)));
    body.replaceChildren(fragment);
    const rest = shown.length - visible.length;
    more.hidden = rest <= 0;
    more.textContent = words.more(Math.min(rest, PAGE_ROWS), rest);
    count.textContent = words.count(shown.length, rows.length, rest > 0 ? visible.length : 0);
  }
  // The facts the view shows (all of them, not only those drawn so far) as CSV: a byte-order mark
  // and CRLF so spreadsheet programs read the Chinese quotes, every field quoted; the licence on the
  // first line and the period in words beside the ISO one, as every download (eastwest/reader/spreadsheet.py).
  // (the heading in the page's language, the row's field)
  const CSV_COLUMNS = ["factId", "value", "number", "what", "quote", "indicator", "pairing", "period", "periodWords",
    "status", "theme", "source", "url"].map((key, i) => [words.csv[i], key]);
  const csvField = value => `"${String(value === null || value === undefined ? "" : value).replace(/"/g, '""')}"`;
  async function downloadShown() {
    const wanted = shownRows;
    await loadAll();
    const lines = [CSV_COLUMNS.map(([name]) => name).join(",")];
    for (const r of wanted) {
      const url = new URL(r.href, window.location.href).href;
      lines.push(CSV_COLUMNS.map(([, key]) => csvField(key === "url" ? url : r[key])).join(","));
    }
    if (data.licence) lines.unshift(data.licence);
    const blob = new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], {type: "text/csv;charset=utf-8"});
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "eastwest-facts" + (viewQuery() ? "-selection" : "") + ".csv";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  }

  // The PDF edition prints every fact with its texts (eastwest/build/pdf.py): draw them all, and say how many.
  window.EastWest.drawAllFacts = async () => {
    limit = Infinity;
    await loadAll();
    await render();
    return {drawn: body.children.length, total: rows.length};
  };

  readView();
  render().catch(error => { count.textContent = words.failed(error.message); throw error; });
})();
