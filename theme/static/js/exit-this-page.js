/* Quick exit, after GOV.UK Frontend's "Exit this page".
   The link works on its own. This script makes leaving safer: the page is hidden
   at once, what the site kept in this browser is removed, the site's page is
   replaced in the history (Back does not return to it), and pressing Shift three
   times within five seconds leaves too. */
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

  // Everything the site keeps in this browser is named "small-wins…": the
  // checklist's ticks, the crisis band's country. All of it goes, except the
  // checklist's ticks while the reader has chosen, on the checklist, to keep them
  // on this device (checklist.js keeps that choice under KEEP_TICKS).
  var SITE_PREFIX = "small-wins";
  var TICKS_PREFIX = "small-wins-checklist";
  var KEEP_TICKS = "small-wins-checklist-keep";

  function forget(name) {
    try {
      var storage = window[name];
      var spareTicks = storage.getItem(KEEP_TICKS) === "1";
      for (var i = storage.length - 1; i >= 0; i--) {
        var key = storage.key(i);
        if (key.indexOf(SITE_PREFIX) !== 0) continue;
        if (spareTicks && key.indexOf(TICKS_PREFIX) === 0) continue;
        storage.removeItem(key);
      }
    } catch (error) {
      // Storage blocked by the browser's settings: the site could keep nothing there.
    }
  }

  function leave() {
    document.documentElement.classList.add("is-exiting");
    forget("sessionStorage");
    forget("localStorage");
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
