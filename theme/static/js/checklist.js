/* Weekly checklist: ticks stay in this tab (sessionStorage), or on this device
   (localStorage) if the reader chooses; only this week's, so a shared computer
   holds no old record. The wins the reader leaves off the printout follow the same
   rule. Without this script the boxes work for the visit and the whole list prints. */
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

  // Storage blocked: everything works for this visit, nothing is kept.
  var tab = usable("sessionStorage");
  var device = tab && usable("localStorage");
  // exit-this-page.js spares these (all "small-wins-checklist…") while KEEP is "1".
  var PREFIX = "small-wins-checklist:";
  var KEEP = "small-wins-checklist-keep";
  var LEFT_OUT = "small-wins-checklist-left-out";
  var days = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
  var firstDay = root.getAttribute("data-week-start") === "sunday" ? 0 : 1;
  var grid = root.querySelector(".checklist-grid");
  var boxes = grid.querySelectorAll("input");
  var tools = root.querySelector(".checklist-tools");
  var choices = tools.querySelectorAll(".checklist-choose input");
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

  function load(storage, name) {
    try {
      var list = JSON.parse((storage && storage.getItem(name)) || "[]");
      return Array.isArray(list) ? list : [];
    } catch (error) {
      return [];
    }
  }

  function keepList(storage, name, list) {
    if (!storage) return;
    if (list.length) {
      storage.setItem(name, JSON.stringify(list));
    } else {
      storage.removeItem(name);
    }
  }

  function save(storage) {
    var ticked = [];
    var leftOut = [];
    for (var i = 0; i < boxes.length; i++) {
      if (boxes[i].checked) ticked.push(boxId(boxes[i]));
    }
    for (i = 0; i < choices.length; i++) {
      if (!choices[i].checked) leftOut.push(choices[i].value);
    }
    keepList(storage, key, ticked);
    keepList(storage, LEFT_OUT, leftOut);
  }

  function forgetWeeks(storage, except) {
    for (var i = storage.length - 1; i >= 0; i--) {
      var name = storage.key(i);
      if (name && name.indexOf(PREFIX) === 0 && name !== except) storage.removeItem(name);
    }
  }

  // Today's day name in the header and, on narrow screens, in each of today's boxes.
  function markToday() {
    var today = days[new Date().getDay()];
    var header = grid.querySelector('th[data-day="' + today + '"]');
    if (header) header.setAttribute("aria-current", "date");
    for (var i = 0; i < boxes.length; i++) {
      if (boxes[i].value === today) boxes[i].closest("td").setAttribute("data-today", "");
    }
  }

  // A win left off is marked on its row, and a category left empty on its rows' group,
  // for the print styles; the screen shows them all. None chosen: the whole list prints.
  function markPrintout() {
    var any = false;
    var i;
    for (i = 0; i < choices.length; i++) any = any || choices[i].checked;
    for (i = 0; i < choices.length; i++) {
      var row = grid.querySelector('input[name="' + choices[i].value + '"]').closest("tr");
      row.toggleAttribute("data-left-out", any && !choices[i].checked);
    }
    var groups = grid.querySelectorAll("tbody");
    for (i = 0; i < groups.length; i++) {
      var rows = groups[i].querySelectorAll("tr:not(.checklist-grid__category)");
      var left = groups[i].querySelectorAll("tr[data-left-out]");
      groups[i].toggleAttribute("data-left-out", rows.length === left.length);
    }
    return any;
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

  // Again on a page brought back by Back: the quick exit may have removed what was kept.
  function show() {
    var storage = store();
    var ticked = load(storage, key);
    var leftOut = load(storage, LEFT_OUT);
    for (var i = 0; i < boxes.length; i++) {
      boxes[i].checked = ticked.indexOf(boxId(boxes[i])) !== -1;
    }
    for (i = 0; i < choices.length; i++) {
      choices[i].checked = leftOut.indexOf(choices[i].value) === -1;
    }
    markPrintout();
    keepBox.checked = !!device && storage === device;
    tabNote.hidden = !tab || keepBox.checked;
    ask(false);
  }

  markToday();
  if (tab) forgetWeeks(tab, key);
  if (device) forgetWeeks(device, key);
  show();
  if (device) keepBox.closest(".checklist-keep").hidden = false;
  tools.setAttribute("data-ready", "");

  grid.addEventListener("change", function () {
    status.textContent = "";
    save(store());
  });
  tools.querySelector(".checklist-choose").addEventListener("change", function () {
    status.textContent = "";
    markPrintout();
    save(store());
  });
  tools.querySelector(".checklist-print").addEventListener("click", function () {
    if (markPrintout()) {
      status.textContent = "";
      window.print();
    } else {
      status.textContent = "No win is chosen: tick at least one to print.";
    }
  });
  keepBox.addEventListener("change", function () {
    if (keepBox.checked) {
      device.setItem(KEEP, "1");
      tab.removeItem(key);
      tab.removeItem(LEFT_OUT);
    } else {
      device.removeItem(KEEP);
      device.removeItem(LEFT_OUT);
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
