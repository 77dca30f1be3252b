/* The main navigation on narrow screens: behind a "Menu" button, as in GOV.UK's
   header, so the page's own content comes sooner. Without this script, and on
   wide screens, every link is shown. */
(function () {
  "use strict";
  var toggle = document.querySelector(".site-nav__toggle");
  if (!toggle || !window.matchMedia) return;
  var list = document.getElementById(toggle.getAttribute("aria-controls"));
  var narrow = window.matchMedia("(max-width: 40em)");

  function show(open) {
    toggle.setAttribute("aria-expanded", String(open));
    list.hidden = !open;
  }

  function fit() {
    toggle.hidden = !narrow.matches;
    show(!narrow.matches);
  }

  toggle.addEventListener("click", function () {
    show(toggle.getAttribute("aria-expanded") !== "true");
  });
  narrow.addEventListener("change", fit);
  fit();
})();
