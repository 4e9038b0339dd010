// What the page's scripts share (loaded before them: _config.yml html_js_files; the fact explorer's
// page loads it itself, before explorer.js): Chinese runs marked as Chinese, and the small box a
// number's quote (fact-quotes.js) or a chart's mark (charts.js) opens on hover, tap or focus.
(function () {
  "use strict";
  if (window.EastWest) return;  // loaded twice on the explorer's page: once is enough

  // Chinese runs (an indicator's Chinese name, a place) carry lang="zh": a screen reader voices them as Chinese.
  const CHINESE_RUN = /[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]+/g;
  function appendText(el, text) {
    text = String(text ?? "");
    let last = 0;
    for (const run of text.matchAll(CHINESE_RUN)) {
      el.append(text.slice(last, run.index));
      const span = document.createElement("span");
      span.lang = "zh";
      span.textContent = run[0];
      el.append(span);
      last = run.index + run[0].length;
    }
    el.append(text.slice(last));
  }

  // An empty, hidden box at the end of the page; the pointer resting on it keeps it open
  // (`onEnter`), leaving it closes it (`onLeave`).
  function makeBox(id, className, onEnter, onLeave) {
    const box = document.createElement("div");
    box.id = id;
    box.className = className;
    box.setAttribute("role", "tooltip");
    box.hidden = true;
    box.addEventListener("mouseenter", onEnter);
    box.addEventListener("mouseleave", onLeave);
    document.body.appendChild(box);
    return box;
  }

  window.EastWest = {CHINESE_RUN, appendText, makeBox};
})();
