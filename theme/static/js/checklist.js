/* Weekly checklist: keeps this week's ticks in this browser, and nowhere else.
   By default they are kept for this tab only (sessionStorage): they go when the
   tab closes, and the quick exit removes them. A reader who turns on "Keep my
   ticks on this device" keeps them in localStorage, which the quick exit spares;
   that choice is stored only while it is on. Only the current week is kept:
   earlier weeks are forgotten, so a shared computer does not hold an old record.
   The boxes work without this script (ticks are then not kept). */
(function () {
  "use strict";
  var root = document.querySelector("[data-checklist]");
  if (!root) return;

  function usable(name) {
    try {
      var storage = window[name];
      storage.setItem("small-wins-test", "1");
      storage.removeItem("small-wins-test");
      return storage;
    } catch (error) {
      return null;
    }
  }

  var tab = usable("sessionStorage");
  if (!tab) return; // storage blocked (settings): the boxes still work for this visit
  var device = usable("localStorage");
  // exit-this-page.js spares every "small-wins-checklist" key while KEEP is "1":
  // a rename here must be made there too.
  var PREFIX = "small-wins-checklist:";
  var KEEP = "small-wins-checklist-keep";
  var firstDay = root.getAttribute("data-week-start") === "sunday" ? 0 : 1;
  var boxes = root.querySelectorAll('.checklist-grid input[type="checkbox"]');
  var keepBox = root.querySelector("[data-checklist-keep]");
  var tabNote = root.querySelector("[data-checklist-tab-note]");
  var clearButton = root.querySelector("[data-checklist-clear]");
  var confirm = root.querySelector("[data-checklist-confirm]");
  var question = confirm.querySelector("[tabindex]");
  var status = root.querySelector("[data-checklist-status]");
  var key = PREFIX + weekStart(new Date());

  function pad(number) {
    return (number < 10 ? "0" : "") + number;
  }

  function weekStart(today) {
    var day = new Date(today.getFullYear(), today.getMonth(), today.getDate());
    day.setDate(day.getDate() - ((day.getDay() - firstDay + 7) % 7));
    return day.getFullYear() + "-" + pad(day.getMonth() + 1) + "-" + pad(day.getDate());
  }

  function boxId(box) {
    return box.name + ":" + box.value;
  }

  // Read at every use, not once: another tab may have changed the choice.
  function kept() {
    return device !== null && device.getItem(KEEP) === "1";
  }

  function load(storage) {
    try {
      var ticked = JSON.parse(storage.getItem(key) || "[]");
      return Array.isArray(ticked) ? ticked : [];
    } catch (error) {
      return [];
    }
  }

  function ticked() {
    var ids = [];
    for (var i = 0; i < boxes.length; i++) {
      if (boxes[i].checked) ids.push(boxId(boxes[i]));
    }
    return ids;
  }

  function save(storage, ids) {
    if (ids.length) {
      storage.setItem(key, JSON.stringify(ids));
    } else {
      storage.removeItem(key);
    }
  }

  function forgetWeeks(storage, except) {
    for (var i = storage.length - 1; i >= 0; i--) {
      var name = storage.key(i);
      if (name && name.indexOf(PREFIX) === 0 && name !== except) storage.removeItem(name);
    }
  }

  function markToday() {
    var days = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
    var header = root.querySelector('th[data-day="' + days[new Date().getDay()] + '"]');
    if (header) header.setAttribute("aria-current", "date");
  }

  // What is stored now, on screen: at load, and again on a page brought back by
  // Back, whose ticks the quick exit may have removed since.
  function show() {
    var keep = kept();
    var ids = load(keep ? device : tab);
    for (var i = 0; i < boxes.length; i++) {
      boxes[i].checked = ids.indexOf(boxId(boxes[i])) !== -1;
    }
    keepBox.checked = keep;
    tabNote.hidden = keep;
    confirm.hidden = true;
    clearButton.hidden = false;
    status.textContent = "";
  }

  function answer(message) {
    confirm.hidden = true;
    clearButton.hidden = false;
    clearButton.focus();
    status.textContent = message;
  }

  markToday();
  forgetWeeks(tab, key);
  if (device) forgetWeeks(device, key);
  show();
  if (device) root.querySelector("[data-checklist-keep-choice]").hidden = false;

  root.querySelector(".checklist-grid").addEventListener("change", function () {
    status.textContent = "";
    save(kept() ? device : tab, ticked());
  });
  keepBox.addEventListener("change", function () {
    var ids = ticked();
    if (keepBox.checked) {
      device.setItem(KEEP, "1");
      save(device, ids);
      tab.removeItem(key);
    } else {
      device.removeItem(KEEP);
      forgetWeeks(device, null);
      save(tab, ids);
    }
    tabNote.hidden = keepBox.checked;
  });
  clearButton.addEventListener("click", function () {
    status.textContent = "";
    clearButton.hidden = true;
    confirm.hidden = false;
    question.focus();
  });
  confirm.querySelector("[data-checklist-confirm-yes]").addEventListener("click", function () {
    for (var i = 0; i < boxes.length; i++) boxes[i].checked = false;
    tab.removeItem(key);
    if (device) device.removeItem(key);
    answer("This week's ticks are cleared.");
  });
  confirm.querySelector("[data-checklist-confirm-no]").addEventListener("click", function () {
    answer("Nothing was cleared.");
  });
  confirm.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    event.preventDefault();
    answer("Nothing was cleared.");
  });
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) show();
  });
})();
