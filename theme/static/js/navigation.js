/* The main navigation on narrow screens: behind a "Menu" button, as in GOV.UK's
   header, so the page's own content comes sooner. The styles fold it from the
   first paint (scripts-run.js marks the page); this only opens and closes it.
   Without scripts, and on wide screens, every link is shown. */
(function () {
  "use strict";
  var toggle = document.querySelector(".site-nav__toggle");
  if (!toggle) return;
  toggle.addEventListener("click", function () {
    toggle.setAttribute("aria-expanded", String(toggle.getAttribute("aria-expanded") !== "true"));
  });
})();
