/* Weekly checklist: ticks stay in this tab (sessionStorage), or on this device
   (localStorage) if the reader chooses; only this week's, so a shared computer
   holds no old record. Without this script the boxes work for the visit. */
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
  if (!tab) return; // storage blocked: the boxes work for this visit
  var device = usable("localStorage");
  // exit-this-page.js spares these while KEEP is "1".
  var PREFIX = "small-wins-checklist:";
  var KEEP = "small-wins-checklist-keep";
  var firstDay = root.getAttribute("data-week-start") === "sunday" ? 0 : 1;
  var boxes = root.querySelectorAll(".checklist-grid input");
  var keepBox = root.querySelector(".checklist-keep input");
  var tabNote = root.querySelector("[data-checklist-tab-note]");
  var clearButton = root.querySelector(".checklist-clear");
  var confirm = root.querySelector(".checklist-confirm");
  var question = confirm.querySelector("[tabindex]");
  var status = root.querySelector(".checklist-status");
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

  // Read at each use: another tab may have changed the reader's choice.
  function store() {
    return device && device.getItem(KEEP) === "1" ? device : tab;
  }

  function load(storage) {
    try {
      var ticked = JSON.parse(storage.getItem(key) || "[]");
      return Array.isArray(ticked) ? ticked : [];
    } catch (error) {
      return [];
    }
  }

  function save(storage) {
    var ticked = [];
    for (var i = 0; i < boxes.length; i++) {
      if (boxes[i].checked) ticked.push(boxId(boxes[i]));
    }
    if (ticked.length) {
      storage.setItem(key, JSON.stringify(ticked));
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

  function ask(open) {
    confirm.hidden = !open;
    clearButton.hidden = open;
    status.textContent = "";
  }

  function answer(message) {
    ask(false);
    clearButton.focus();
    status.textContent = message;
  }

  // Again on a page brought back by Back: the quick exit may have removed its ticks.
  function show() {
    var storage = store();
    var ticked = load(storage);
    for (var i = 0; i < boxes.length; i++) {
      boxes[i].checked = ticked.indexOf(boxId(boxes[i])) !== -1;
    }
    keepBox.checked = tabNote.hidden = storage === device;
    ask(false);
  }

  markToday();
  forgetWeeks(tab, key);
  if (device) forgetWeeks(device, key);
  show();
  if (device) keepBox.closest(".checklist-keep").hidden = false;

  root.querySelector(".checklist-grid").addEventListener("change", function () {
    status.textContent = "";
    save(store());
  });
  keepBox.addEventListener("change", function () {
    if (keepBox.checked) {
      device.setItem(KEEP, "1");
      tab.removeItem(key);
    } else {
      device.removeItem(KEEP);
      forgetWeeks(device, null);
    }
    save(store());
    tabNote.hidden = keepBox.checked;
  });
  clearButton.addEventListener("click", function () {
    ask(true);
    question.focus();
  });
  confirm.querySelector("button").addEventListener("click", function () {
    for (var i = 0; i < boxes.length; i++) boxes[i].checked = false;
    save(store());
    answer("This week's ticks are cleared.");
  });
  function cancel() {
    answer("Nothing was cleared.");
  }
  confirm.querySelector("button + button").addEventListener("click", cancel);
  confirm.addEventListener("keydown", function (event) {
    if (event.key === "Escape") cancel();
  });
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) show();
  });
})();
