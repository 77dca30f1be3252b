/* Quick exit, after GOV.UK Frontend's "Exit this page". The link works on its
   own; this script hides the page at once, removes what the site kept in this
   browser, replaces the page in the history (Back skips it), and leaves when
   Shift is pressed three times within five seconds. */
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

  // All the site keeps is named "small-wins…" (ticks, the crisis band's country).
  // Only ticks the reader chose to keep on this device stay (see checklist.js).
  function forget(name) {
    try {
      var storage = window[name];
      var spare = storage.getItem("small-wins-checklist-keep") === "1";
      for (var i = storage.length - 1; i >= 0; i--) {
        var key = storage.key(i);
        var ours = key.indexOf("small-wins") === 0;
        if (ours && !(spare && key.indexOf("small-wins-checklist") === 0)) storage.removeItem(key);
      }
    } catch (error) {
      // storage blocked: the site could keep nothing there
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
