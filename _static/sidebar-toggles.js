/* The site menu and the page-contents button on phones and tablets.
 *
 * pydata-sphinx-theme (0.17) binds its sidebar dialogs to the FIRST `.primary-toggle` and
 * `.secondary-toggle` on the page: buttons in its own top bar, which sphinx-book-theme hides. The
 * buttons a reader sees are sphinx-book-theme's, later in the page, and get no listener, so below
 * ~990 px tapping them does nothing (pydata-sphinx-theme #2451, sphinx-book-theme #988). Every
 * other toggle passes its click on to the bound one, which opens the dialog on a narrow screen and
 * (through sphinx-book-theme's own handler) collapses the sidebar on a wide one. */
(function () {
  "use strict";
  function forwardClicks(selector) {
    var toggles = document.querySelectorAll(selector);
    if (toggles.length < 2) return;
    var bound = toggles[0];
    Array.prototype.slice.call(toggles, 1).forEach(function (toggle) {
      toggle.addEventListener("click", function (event) {
        event.preventDefault();
        event.stopPropagation();
        bound.click();
      });
    });
  }
  function setUp() {
    forwardClicks(".primary-toggle");
    forwardClicks(".secondary-toggle");
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
