/* The crisis band shows the lines of the reader's country. The choice is kept in
   this browser only (localStorage); nothing is looked up and nothing is sent.
   Before a choice, the region of the browser's language is a first guess
   (en-GB: the United Kingdom), and the band says that it is a guess.
   Every country's lines are already in the page, stacked in one place: showing
   another only changes which one is visible, so nothing on the page moves. */
(function () {
  "use strict";
  var band = document.querySelector("[data-crisis-band]");
  var change = band && band.querySelector("[data-crisis-band-change]");
  if (!change) return;
  var KEY = "small-wins-country";
  var chooser = band.querySelector("[data-crisis-band-chooser]");
  var status = band.querySelector("[data-crisis-band-status]");
  var countries = band.querySelectorAll("[data-country]");

  function stored() {
    try {
      return window.localStorage.getItem(KEY);
    } catch (error) {
      return null; // storage blocked: the band still works for this page
    }
  }

  function store(code) {
    try {
      window.localStorage.setItem(KEY, code);
    } catch (error) {
      // Storage blocked: the choice lasts for this page only.
    }
  }

  function served(code) {
    return !!code && !!band.querySelector('[data-country="' + code + '"]');
  }

  function guess() {
    var languages = navigator.languages || [navigator.language || ""];
    for (var i = 0; i < languages.length; i++) {
      var region = (languages[i].split("-")[1] || "").toUpperCase();
      if (served(region)) return region;
    }
    return null;
  }

  function show(code, guessed) {
    var name = "";
    for (var i = 0; i < countries.length; i++) {
      var chosen = countries[i].getAttribute("data-country") === code;
      if (chosen) {
        countries[i].setAttribute("data-chosen", "");
        name = countries[i].querySelector(".crisis-help__where").firstChild.textContent;
      } else {
        countries[i].removeAttribute("data-chosen");
      }
    }
    band.classList.toggle("is-guessed", !!guessed);
    return name;
  }

  function closeChooser() {
    chooser.hidden = true;
    change.setAttribute("aria-expanded", "false");
  }

  change.addEventListener("click", function (event) {
    event.preventDefault();
    var opening = chooser.hidden;
    chooser.hidden = !opening;
    change.setAttribute("aria-expanded", String(opening));
    if (opening) chooser.querySelector("button").focus();
  });
  chooser.addEventListener("click", function (event) {
    var code = event.target.getAttribute("data-choose");
    if (!code) return;
    store(code);
    status.textContent = "Showing crisis lines: " + show(code, false) + ".";
    closeChooser();
    change.focus();
  });
  chooser.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      closeChooser();
      change.focus();
    }
  });

  function showStoredOrGuessed() {
    var saved = stored();
    if (served(saved)) {
      show(saved, false);
    } else {
      var guessed = guess();
      show(guessed || countries[0].getAttribute("data-country"), !!guessed);
    }
  }

  showStoredOrGuessed();
  // A page brought back by Back after the quick exit shows what is stored now:
  // the exit removed the reader's choice.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) showStoredOrGuessed();
  });
})();
