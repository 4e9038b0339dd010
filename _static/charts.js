// Charts a reader can explore. Each chart (an SVG shown by <figure><picture>) is put into the page
// as inline SVG once scripts run: its text is then the page's text (selectable, found by Ctrl-F,
// read aloud, translated) and each bar drawn from a fact (a group whose id is
// "fact:<source>:<fact>", eastwest.charts.style.Bar.gid) shows, on hover, tap or keyboard focus, its
// value, qualifier, period, the Chinese quote and its English description, read from the chart's
// CSV (the download beside it). A click, Enter or a second tap opens the highlighted sentence.
// Other marks (an arrow for a pairing, a dot for a place or a source) carry an id "<kind>:<key>"
// and are described in <chart>.marks.csv beside the CSV (eastwest.charts.base.MARK_COLUMNS): their
// box shows its title (English, Chinese) and text, and they open the page its row names.
// Without scripts, and in print (the PDF edition), the static drawing in the <picture> stays.
(function () {
  "use strict";
  const root = document.documentElement.dataset.content_root || "";
  let box = null, owner = null, hideTimer = 0, lastPointer = "mouse", shownBefore = false, charts = 0;

  function parseCsv(text) {
    const rows = [];
    let row = [], field = "", quoted = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (quoted) {
        if (c === '"') { if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false; } else field += c;
      } else if (c === '"') quoted = true;
      else if (c === ",") { row.push(field); field = ""; }
      else if (c === "\n") { row.push(field.replace(/\r$/, "")); rows.push(row); row = []; field = ""; }
      else field += c;
    }
    if (field || row.length) { row.push(field); rows.push(row); }
    return rows;
  }

  // A chart's CSV (a licence line, then the table) by the value of its column `key`.
  async function rowsBy(href, key) {
    const rows = new Map();
    if (!href) return rows;
    const response = await fetch(href);
    if (!response.ok) return rows;
    const [, header, ...body] = parseCsv((await response.text()).replace(/^\uFEFF/, ""));
    if (!header || !header.includes(key)) return rows;
    for (const cells of body) rows.set(cells[header.indexOf(key)], Object.fromEntries(header.map((h, i) => [h, cells[i] || ""])));
    return rows;
  }
  const MARK_ID = /\bid="(?!fact:)[a-z][a-z-]*:[^"]+"/;  // a mark other than a fact's bar

  const fileName = href => new URL(href, location.href).pathname.split("/").pop();
  const chartName = src => fileName(src).replace(/\.svg$/, "").replace(/\.narrow$/, "");
  const dataLink = name => Array.from(document.querySelectorAll("p.chart-data a[href]")).find(a => fileName(a.href) === `${name}.csv`);
  const sentenceHref = el => `${root}sources/src-${el.dataset.source}.html#fact-${el.dataset.fact}`;
  function markRow(el) {
    const svg = el.closest("svg.chart-svg");
    return svg && svg.chartMarks ? svg.chartMarks.get(el.dataset.mark) : null;
  }
  function hrefOf(el) {
    if (!el.dataset.mark) return sentenceHref(el);
    const row = markRow(el);
    return row && row.href ? root + row.href : null;
  }

  function summary(row) {
    if (!row) return "";
    const what = row.indicator_label + (row.breakdown ? ` (${row.breakdown})` : "");
    const status = row.status && row.status !== "achieved" ? ` · ${row.status}` : "";
    return `${what}: ${row.value_in_words || row.value} · ${row.period_in_words || row.period}${status}`;
  }

  // A thin arrow or a small dot is hard to point at: a wider, unseen copy of its outline takes the pointer.
  function widen(mark) {
    mark.querySelectorAll("path, use").forEach(shape => {
      if (shape.closest("defs")) return;
      const hit = shape.cloneNode(false);
      hit.removeAttribute("id");
      hit.setAttribute("class", "chart-hit");
      hit.setAttribute("aria-hidden", "true");
      shape.before(hit);
    });
  }

  function adopt(svg, img, rows, marks) {
    const prefix = `chart${++charts}-`;  // one drawing's ids (text_1, clip paths) repeat in another's
    svg.querySelectorAll("[id]").forEach(el => {
      const mark = marks.get(el.id);
      if (mark) {
        el.dataset.mark = el.id;
        el.removeAttribute("id");
        el.setAttribute("tabindex", "0");
        el.setAttribute("role", "link");
        el.setAttribute("aria-label", [mark.title, mark.title_zh, mark.text].filter(Boolean).join(" · "));
        widen(el);
        return;
      }
      if (el.id.startsWith("fact:")) {
        const [, source, fact, part] = el.id.split(":");
        Object.assign(el.dataset, {source, fact});
        el.removeAttribute("id");
        if (part) return;  // a bar's value label answers the pointer like the bar; the bar takes the focus
        el.setAttribute("tabindex", "0");
        el.setAttribute("role", "link");
        el.setAttribute("aria-label", summary(rows.get(fact)) || "Open the sentence this bar draws");
        return;
      }
      el.id = prefix + el.id;
    });
    svg.querySelectorAll("*").forEach(el => {
      for (const attr of Array.from(el.attributes)) {
        if (attr.value.includes("url(#")) el.setAttribute(attr.name, attr.value.replace(/url\(#/g, `url(#${prefix}`));
        else if (/(^|:)href$/.test(attr.name) && attr.value.startsWith("#")) el.setAttributeNS(attr.namespaceURI, attr.name, `#${prefix}${attr.value.slice(1)}`);
      }
    });
    svg.removeAttribute("width");
    svg.removeAttribute("height");
    svg.classList.add("chart-svg");
    svg.setAttribute("aria-label", img.alt || "");
    svg.dataset.src = img.currentSrc || img.src;
    svg.chartRows = rows;
    svg.chartMarks = marks;
  }

  async function inline(figure, img) {
    const src = img.currentSrc || img.src;
    const current = figure.querySelector("svg.chart-svg");
    if (current && current.dataset.src === src) return;
    const text = await (await fetch(src)).text();
    const link = dataLink(chartName(src));
    const rows = text.includes('id="fact:') && link ? await rowsBy(link.href, "fact_id") : new Map();  // only bars read the CSV
    const marks = MARK_ID.test(text) && link ? await rowsBy(link.href.replace(/\.csv$/, ".marks.csv"), "mark") : new Map();
    const svg = new DOMParser().parseFromString(text, "image/svg+xml").documentElement;
    if (svg.nodeName !== "svg") return;
    const adopted = document.importNode(svg, true);
    adopt(adopted, img, rows, marks);
    const stale = figure.querySelector("svg.chart-svg");
    if (stale) stale.remove();
    const picture = figure.querySelector("picture");
    (picture.closest("a.image-reference") || picture).after(adopted);  // not inside the link to the image file
    figure.classList.add("chart-live");
  }

  function makeBox() {  // _static/page-boxes.js
    box = window.EastWest.makeBox("chart-fact-box", "fact-quote-box chart-fact-box", () => clearTimeout(hideTimer), () => scheduleHide());
  }

  function line(tag, text, className, lang) {
    const el = document.createElement(tag);
    el.textContent = text;
    if (className) el.className = className;
    if (lang) el.lang = lang;
    return el;
  }

  function tell(mark) {
    const row = markRow(mark);
    if (!row) return;
    box.append(line("strong", row.title, "chart-fact-what"));
    if (row.title_zh) box.append(line("span", row.title_zh, "chart-fact-quote", "zh"));
    if (row.text) {
      const text = line("span", "", "chart-fact-description");
      window.EastWest.appendText(text, row.text);
      box.append(text);
    }
    const href = hrefOf(mark);
    if (!href) return;
    const go = line("a", row.go || "Open →", "fact-quote-go");
    go.href = href;
    box.append(go);
  }

  function show(bar) {
    const svg = bar.closest("svg.chart-svg");
    const row = svg && svg.chartRows ? svg.chartRows.get(bar.dataset.fact) : null;
    if (!box) makeBox();
    clearTimeout(hideTimer);
    if (owner && owner !== bar) { owner.classList.remove("chart-active"); owner.removeAttribute("aria-describedby"); }
    owner = bar;
    bar.classList.add("chart-active");
    box.replaceChildren();
    if (bar.dataset.mark) tell(bar);
    else if (row) {
      box.append(line("strong", row.indicator_label + (row.breakdown ? ` (${row.breakdown})` : ""), "chart-fact-what"));
      const qualifier = row.qualifier && row.qualifier !== "exact" ? ` (${row.qualifier})` : "";
      const status = row.status && row.status !== "achieved" ? ` · ${row.status}` : "";
      box.append(line("span", `${row.value_in_words || row.value}${qualifier} · ${row.period_in_words || row.period}${status}`, "chart-fact-value"));
      if (row.quote) box.append(line("q", row.quote, "fact-quote-text chart-fact-quote", "zh"));
      if (row.description) box.append(line("span", row.description, "chart-fact-description"));
    }
    if (!bar.dataset.mark) {
      const go = line("a", "Open the sentence in its source →", "fact-quote-go");
      go.href = sentenceHref(bar);
      box.append(go);
    }
    box.hidden = false;
    bar.setAttribute("aria-describedby", box.id);
    const rect = bar.getBoundingClientRect();
    const width = Math.min(380, document.documentElement.clientWidth - 16);
    box.style.maxWidth = `${width}px`;
    box.style.left = `${Math.max(8, Math.min(rect.left, document.documentElement.clientWidth - width - 8)) + window.scrollX}px`;
    box.style.top = `${rect.bottom + window.scrollY + 6}px`;
  }

  function hide() {
    if (!box || box.hidden) return;
    box.hidden = true;
    if (owner) { owner.classList.remove("chart-active"); owner.removeAttribute("aria-describedby"); }
    owner = null;
  }
  function scheduleHide() { clearTimeout(hideTimer); hideTimer = setTimeout(hide, 300); }

  // The bar an event is about: the bar itself, or the value label beside it; or another mark.
  function barOf(target) {
    const el = target && target.closest ? target.closest("svg.chart-svg [data-fact], svg.chart-svg [data-mark]") : null;
    if (!el) return null;
    if (el.dataset.mark) return el;
    if (!el.dataset.source) return null;
    const svg = el.closest("svg.chart-svg");
    return el.hasAttribute("tabindex") ? el : svg.querySelector(`[data-fact="${CSS.escape(el.dataset.fact)}"][tabindex]`) || el;
  }

  function start() {
    document.querySelectorAll("figure picture img").forEach(img => {
      const figure = img.closest("figure");
      if (!/\.svg$/.test(new URL(img.currentSrc || img.src, location.href).pathname)) return;
      const go = () => inline(figure, img).catch(() => {});  // the static drawing stays on any failure
      if (img.complete && img.naturalWidth) go();
      img.addEventListener("load", go);
    });
    document.addEventListener("pointerdown", e => {
      lastPointer = e.pointerType || "mouse";
      const bar = barOf(e.target);  // before the tap focuses the bar: was its box open already?
      shownBefore = Boolean(bar && owner === bar && box && !box.hidden);
    }, true);
    document.addEventListener("mouseover", e => { const bar = barOf(e.target); if (bar && lastPointer !== "touch") show(bar); });
    document.addEventListener("mouseout", e => { if (barOf(e.target)) scheduleHide(); });
    document.addEventListener("focusin", e => { const bar = barOf(e.target); if (bar) show(bar); });
    document.addEventListener("focusout", e => { if (barOf(e.target)) scheduleHide(); });
    document.addEventListener("click", e => {
      const bar = barOf(e.target);
      if (!bar) { if (box && !box.contains(e.target)) hide(); return; }
      e.preventDefault();
      if (lastPointer === "touch" && !shownBefore) { show(bar); return; }  // first tap: the value; second: the sentence
      const href = hrefOf(bar);
      if (href) location.href = href;
    });
    document.addEventListener("keydown", e => {
      if (e.key === "Escape") { hide(); return; }
      const bar = barOf(e.target);
      if (bar && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); const href = hrefOf(bar); if (href) location.href = href; }
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
