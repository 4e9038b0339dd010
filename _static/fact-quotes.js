// A number's quote, shown on tap, keyboard focus and hover (not a `title` tooltip, which touch
// screens and keyboards never show). Numbers that link to their sentence (a.fact-link, quote in
// `title` or `data-quote`) open a small box with the Chinese quote; on a touch screen the first tap
// opens it, with a link to the sentence, and a second tap follows the number's link. The
// highlights on a source page (mark.fact) open their value, indicator and period the same way.
(function () {
  "use strict";
  const SELECTOR = "a.fact-link, mark.fact";
  let box = null, owner = null, lastPointer = "mouse", hideTimer = 0;

  function textOf(el) {
    if (el.hasAttribute("title")) {  // moved once: the box replaces the browser's tooltip
      el.dataset.quote = el.getAttribute("title");
      el.removeAttribute("title");
    }
    return el.dataset.quote || "";
  }

  const {appendText} = window.EastWest;  // _static/page-boxes.js
  function makeBox() {
    box = window.EastWest.makeBox("fact-quote-box", "fact-quote-box", () => clearTimeout(hideTimer), () => scheduleHide());
  }

  function show(el, withLink) {
    const text = textOf(el);
    if (!text) return;
    if (!box) makeBox();
    clearTimeout(hideTimer);
    if (owner && owner !== el) owner.removeAttribute("aria-describedby");
    owner = el;
    box.replaceChildren();
    const quote = document.createElement("span");
    quote.className = "fact-quote-text";
    if (el.matches("a.fact-link")) {
      quote.lang = "zh";
      quote.textContent = text;
    } else {
      appendText(quote, text);  // a highlight's fact: English, with Chinese names marked as Chinese
    }
    box.appendChild(quote);
    if (withLink && el.href) {
      const go = document.createElement("a");
      go.href = el.href;
      go.className = "fact-quote-go";
      go.textContent = "Open the sentence in its source →";
      box.appendChild(go);
    }
    box.hidden = false;
    el.setAttribute("aria-describedby", box.id);
    const rect = el.getBoundingClientRect();
    const width = Math.min(360, document.documentElement.clientWidth - 16);
    box.style.maxWidth = `${width}px`;
    const left = Math.max(8, Math.min(rect.left, document.documentElement.clientWidth - width - 8));
    box.style.left = `${left + window.scrollX}px`;
    box.style.top = `${rect.bottom + window.scrollY + 6}px`;
  }

  function hide() {
    if (!box || box.hidden) return;
    box.hidden = true;
    if (owner) owner.removeAttribute("aria-describedby");
    owner = null;
  }
  function scheduleHide() { clearTimeout(hideTimer); hideTimer = setTimeout(hide, 300); }

  function start() {
    document.querySelectorAll(SELECTOR).forEach(textOf);
    document.addEventListener("pointerdown", e => { lastPointer = e.pointerType || "mouse"; }, true);
    document.addEventListener("focusin", e => {
      const el = e.target.closest && e.target.closest(SELECTOR);
      if (el) show(el, false);
    });
    document.addEventListener("focusout", e => {
      if (e.target.closest && e.target.closest(SELECTOR)) scheduleHide();
    });
    document.addEventListener("mouseover", e => {
      const el = e.target.closest && e.target.closest(SELECTOR);
      if (el && lastPointer !== "touch") show(el, false);
    });
    document.addEventListener("mouseout", e => {
      if (e.target.closest && e.target.closest(SELECTOR) && lastPointer !== "touch") scheduleHide();
    });
    document.addEventListener("click", e => {
      const el = e.target.closest && e.target.closest(SELECTOR);
      if (el && lastPointer === "touch" && !(owner === el && box && !box.hidden && box.querySelector("a"))) {
        e.preventDefault();  // first tap: the quote, with a link to the sentence
        show(el, true);
      } else if (!el && box && !box.contains(e.target)) {
        hide();
      }
    });
    document.addEventListener("keydown", e => { lastPointer = "keyboard"; if (e.key === "Escape") hide(); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
