/* Search results quote the page's prose. Sphinx's searchtools.js builds each result's snippet from
   the page's whole text (Search.htmlToText), so tables ran their cells together ("ValueWhat it
   counts (quote)Period…"), and code, collapsed fact lists and captions showed as if they were
   sentences. Here the snippet text leaves out tables, code, <details> blocks (facts behind a chart
   or a chapter), figures and the source pages' fact labels, and keeps a space between blocks.
   Loaded on every page before searchtools.js (Jupyter Book adds every _static/*.js), it replaces
   the function once the page is parsed, before any search runs. */
(function () {
  "use strict";
  var LEFT_OUT = [".headerlink", "script", "style", ".onlyprint", ".d-print-none", "h1", "nav", ".toctree-wrapper",
                  ".prev-next-area", "footer", "table", "pre", ".highlight", ".cell_input", "details", "figure",
                  "sup.fact-label", "a.fact-back", ".chart-data"];
  var BLOCKS = "p, li, dt, dd, h1, h2, h3, h4, h5, h6, blockquote, div, section, caption, br";

  function proseText(htmlString, anchor) {
    var doc = new DOMParser().parseFromString(htmlString, "text/html");
    var main = doc.querySelector('[role="main"]');
    if (!main) return "";
    var root = main;
    if (anchor) {
      var section = main.querySelector(anchor);
      if (section) root = section;
    }
    LEFT_OUT.forEach(function (query) {
      root.querySelectorAll(query).forEach(function (el) { el.remove(); });
    });
    root.querySelectorAll(BLOCKS).forEach(function (el) { el.append(" "); });
    return root.textContent.replace(/\s+/g, " ").trim();
  }

  /* As searchtools.js's makeSearchSummary, but a page found by a word its prose does not show (a
     place's Chinese name, indexed from its facts) is quoted from its start, not from "...". */
  function summary(htmlText, keywords, anchor) {
    var text = proseText(htmlText, anchor);
    if (!text) return null;
    var lower = text.toLowerCase();
    var found = Array.from(keywords).map(function (k) { return lower.indexOf(k.toLowerCase()); })
      .filter(function (i) { return i > -1; });
    var start = found.length ? Math.max(found[found.length - 1] - 120, 0) : 0;
    var node = document.createElement("p");
    node.classList.add("context");
    node.textContent = (start ? "..." : "") + text.substr(start, 240).trim() + (start + 240 < text.length ? "..." : "");
    return node;
  }

  function install() {
    if (typeof Search === "undefined" || !Search || Search.htmlToText === proseText) return;
    Search.htmlToText = proseText;
    Search.makeSearchSummary = summary;
  }

  window.eastwestProseText = proseText;  // for the browser tests
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", install);
  else install();
})();
