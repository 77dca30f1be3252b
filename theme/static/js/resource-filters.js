/* The directory's opening hours and filters. Without this script every resource is
   listed with its hours as text. With it, each status is worked out here, in the
   reader's own time, every minute (nothing is requested); the list is filtered in
   place, its count announced, and the choices kept in the address (?language=es&open=now). */
(function () {
  "use strict";

  var form = document.getElementById("resource-filters");
  var count = document.getElementById("resource-count");
  var none = document.getElementById("resource-none");
  if (!form || !count || !none || !window.URLSearchParams || !window.history.replaceState) {
    return;
  }
  // A country's own page has no country choice.
  var NAMES = ["country", "kind", "category", "language", "open"].filter(function (name) {
    return form.elements[name];
  });
  var DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
  var MINUTE = 60000;
  var DAY = 1440;
  var WEEK = 7 * DAY;
  var entries = [].slice.call(document.querySelectorAll("article.resource"));
  var groups = [].slice.call(document.querySelectorAll("[data-resource-group]"));
  var timed = entries.filter(function (entry) {
    return entry.hasAttribute("data-hours");
  });
  var clocks = {};

  function words(entry, name) {
    return (entry.getAttribute(name) || "").split(" ");
  }

  // The wall clock of `zone` (the reader's when undefined) at `time`: its English
  // weekday, hour and minute, and the minute of the week from Monday 00:00.
  function clock(time, zone) {
    var format = clocks[zone] || (clocks[zone] = new Intl.DateTimeFormat("en-US", {
      timeZone: zone, weekday: "long", hour: "2-digit", minute: "2-digit", hourCycle: "h23"
    }));
    var parts = {};
    format.formatToParts(time).forEach(function (part) {
      parts[part.type] = part.value;
    });
    parts.week = DAYS.indexOf(parts.weekday.toLowerCase()) * DAY + parts.hour * 60 + +parts.minute;
    return parts;
  }

  function minutes(text) {
    return text.slice(0, 2) * 60 + +text.slice(3);
  }

  // `ahead` minutes after the minute of `now`, corrected by any change of the clocks in
  // the service's zone before then, so it stays at the service's stated time.
  function moment(now, ahead, zone) {
    var time = now - now % MINUTE + ahead * MINUTE;
    var wanted = (clock(now, zone).week + ahead) % WEEK;
    return time + ((wanted - clock(time, zone).week + WEEK * 1.5) % WEEK - WEEK / 2) * MINUTE;
  }

  function yourTime(time, withDay) {
    var parts = clock(time);
    return (withDay ? parts.weekday + " " : "") + parts.hour + ":" + parts.minute + " your time";
  }

  // Each weekly opening as [start, end] in minutes from now, also a week earlier so that
  // one under way starts before 0. Back-to-back openings (until 24:00, then from 00:00)
  // are one: `until` runs on to the end of the last.
  function status(hours, now) {
    var at = clock(now, hours.timeZone).week;
    var spans = [];
    hours.open.forEach(function (row) {
      row.days.forEach(function (day) {
        var start = (DAYS.indexOf(day) * DAY + minutes(row.from) - at + WEEK) % WEEK;
        var length = minutes(row.until) - minutes(row.from);
        spans.push([start, start + length], [start - WEEK, start - WEEK + length]);
      });
    });
    var until = 0;
    while (spans.some(function (span) {
      var covers = span[0] <= until && span[1] > until;
      until = covers ? span[1] : until;
      return covers;
    }));
    if (until) {
      return ["yes", "Open now · until " + yourTime(moment(now, until, hours.timeZone), until >= DAY)];
    }
    var next = Math.min.apply(null, spans.map(function (span) {
      return span[0] > 0 ? span[0] : WEEK;
    }));
    return ["no", "Closed · opens " + yourTime(moment(now, next, hours.timeZone), true)];
  }

  // Statuses change in their reserved line; the list changes only when the reader
  // changes a filter, so nothing moves while it is read.
  function refresh() {
    var now = Date.now();
    timed.forEach(function (entry) {
      var current = status(JSON.parse(entry.getAttribute("data-hours")), now);
      entry.setAttribute("data-open-now", current[0]);
      entry.querySelector(".resource-status").textContent = current[1];
    });
    window.setTimeout(refresh, MINUTE - Date.now() % MINUTE);
  }

  function value(name) {
    var field = form.elements[name];
    return field.type === "checkbox" ? (field.checked ? field.value : "") : field.value;
  }

  function matches(entry, chosen) {
    return (!chosen.country || words(entry, "data-countries").indexOf(chosen.country) >= 0) &&
      (!chosen.kind || entry.getAttribute("data-kind") === chosen.kind) &&
      (!chosen.category || words(entry, "data-categories").indexOf(chosen.category) >= 0) &&
      // A service speaking a regional variant (fr-CA) speaks the language (fr).
      (!chosen.language || words(entry, "data-languages").some(function (tag) {
        return (tag + "-").indexOf(chosen.language + "-") === 0;
      })) &&
      (!chosen.open || entry.getAttribute("data-open-always") === "yes" ||
        entry.getAttribute("data-open-now") === "yes");
  }

  function update() {
    var chosen = {};
    var params = new URLSearchParams(window.location.search);
    NAMES.forEach(function (name) {
      chosen[name] = value(name);
      if (chosen[name]) {
        params.set(name, chosen[name]);
      } else {
        params.delete(name);
      }
    });
    var shown = entries.filter(function (entry) {
      entry.parentNode.hidden = !matches(entry, chosen);
      return !entry.parentNode.hidden;
    }).length;
    groups.forEach(function (group) {
      group.hidden = !group.querySelector(".resource-list > li:not([hidden])");
    });
    none.hidden = shown > 0;
    count.textContent = shown + (shown === 1 ? " resource shown" : " resources shown");
    var query = params.toString();
    window.history.replaceState(null, "", window.location.pathname +
      (query ? "?" + query : "") + window.location.hash);
  }

  // Only a value the form offers is taken from the address.
  function restore() {
    var params = new URLSearchParams(window.location.search);
    NAMES.forEach(function (name) {
      var field = form.elements[name];
      var wanted = params.get(name) || "";
      if (field.type === "checkbox") {
        field.checked = wanted === field.value;
      } else {
        field.value = [].some.call(field.options, function (option) {
          return option.value === wanted;
        }) ? wanted : "";
      }
    });
  }

  form.addEventListener("change", update);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    update();
  });
  form.addEventListener("reset", function () {
    // The browser clears the fields after this event: read them once it has.
    window.setTimeout(update, 0);
  });
  refresh();
  restore();
  update();
})();
