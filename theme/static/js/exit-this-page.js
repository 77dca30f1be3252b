/* Quick exit, after GOV.UK Frontend's "Exit this page".
   The link works on its own. This script makes leaving safer: the page is hidden
   at once, the site's page is replaced in the history (Back does not return to
   it), and pressing Shift three times within five seconds leaves too. */
(function () {
  "use strict";
  var link = document.querySelector(".exit-this-page");
  if (!link) return;
  var PRESSES_TO_EXIT = 3;
  var PRESS_WINDOW_MS = 5000;
  var presses = 0;
  var resetTimer;
  var status = document.createElement("span");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  link.insertAdjacentElement("afterend", status);

  function leave() {
    document.documentElement.classList.add("is-exiting");
    window.location.replace(link.href);
  }

  function reset() {
    presses = 0;
    status.textContent = "";
  }

  link.addEventListener("click", function (event) {
    event.preventDefault();
    leave();
  });

  // Counted on keyup so that Shift held for a capital letter (another key in
  // between) starts the count again instead of adding to it.
  document.addEventListener("keyup", function (event) {
    clearTimeout(resetTimer);
    if (event.key !== "Shift") {
      reset();
      return;
    }
    presses += 1;
    if (presses >= PRESSES_TO_EXIT) {
      leave();
      return;
    }
    var left = PRESSES_TO_EXIT - presses;
    status.textContent = "Shift, press " + left + " more " + (left === 1 ? "time" : "times") + " to exit.";
    resetTimer = setTimeout(reset, PRESS_WINDOW_MS);
  });

  // A page brought back from the browser's cache must not stay hidden.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      document.documentElement.classList.remove("is-exiting");
      reset();
    }
  });
})();
