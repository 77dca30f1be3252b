/* Weekly checklist: keeps this week's ticks in this browser's localStorage, and
   nowhere else. The boxes work without this script (ticks are then not kept).
   Only the current week is kept: earlier weeks are forgotten, so a shared
   computer does not hold an old record. */
(function () {
  "use strict";
  var root = document.querySelector("[data-checklist]");
  if (!root) return;
  var storage;
  try {
    storage = window.localStorage;
    storage.setItem("small-wins-test", "1");
    storage.removeItem("small-wins-test");
  } catch (error) {
    return; // storage blocked (private mode, settings): the boxes still work for this visit
  }
  var PREFIX = "small-wins-checklist:";
  var firstDay = root.getAttribute("data-week-start") === "sunday" ? 0 : 1;
  var boxes = root.querySelectorAll('input[type="checkbox"]');
  var clearButton = root.querySelector("[data-checklist-clear]");
  var savedNote = root.querySelector("[data-checklist-saved]");
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

  function load() {
    try {
      var ticked = JSON.parse(storage.getItem(key) || "[]");
      return Array.isArray(ticked) ? ticked : [];
    } catch (error) {
      return [];
    }
  }

  function save() {
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

  function forgetEarlierWeeks() {
    for (var i = storage.length - 1; i >= 0; i--) {
      var name = storage.key(i);
      if (name && name.indexOf(PREFIX) === 0 && name !== key) storage.removeItem(name);
    }
  }

  function markToday() {
    var days = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
    var header = root.querySelector('th[data-day="' + days[new Date().getDay()] + '"]');
    if (header) header.setAttribute("aria-current", "date");
  }

  markToday();
  forgetEarlierWeeks();
  var ticked = load();
  for (var i = 0; i < boxes.length; i++) {
    boxes[i].checked = ticked.indexOf(boxId(boxes[i])) !== -1;
  }
  root.addEventListener("change", function (event) {
    if (event.target.type === "checkbox") {
      status.textContent = "";
      save();
    }
  });
  clearButton.addEventListener("click", function () {
    if (!window.confirm("Clear all of this week's ticks on this device?")) return;
    for (var i = 0; i < boxes.length; i++) boxes[i].checked = false;
    storage.removeItem(key);
    status.textContent = "This week's ticks are cleared.";
  });
  savedNote.hidden = false;
  clearButton.hidden = false;
})();
