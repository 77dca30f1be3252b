/* Filters for the support resource directory (progressive enhancement).
   Without this script every resource is listed. With it, the filter form is shown,
   the list is narrowed in place, the number shown is announced through a polite
   live region, and the choices are kept in the address (?country=GB&open=24-7) so
   a filtered view can be shared, bookmarked and restored. */
(function () {
  "use strict";

  var form = document.getElementById("resource-filters");
  var count = document.getElementById("resource-count");
  var none = document.getElementById("resource-none");
  if (!form || !count || !none || !window.URLSearchParams || !window.history.replaceState) {
    return;
  }
  var SELECTS = ["country", "kind", "category"];
  var OPEN_ALWAYS = "24-7";
  var entries = Array.prototype.slice.call(document.querySelectorAll("article.resource"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("[data-resource-group]"));

  function words(text) {
    return text ? text.split(" ") : [];
  }

  function choices() {
    return {
      country: form.elements.country.value,
      kind: form.elements.kind.value,
      category: form.elements.category.value,
      open: form.elements.open.checked
    };
  }

  function matches(entry, chosen) {
    return (!chosen.country || words(entry.getAttribute("data-countries")).indexOf(chosen.country) >= 0) &&
      (!chosen.kind || entry.getAttribute("data-kind") === chosen.kind) &&
      (!chosen.category || words(entry.getAttribute("data-categories")).indexOf(chosen.category) >= 0) &&
      (!chosen.open || entry.getAttribute("data-open-always") === "yes");
  }

  function remember(chosen) {
    var params = new URLSearchParams(window.location.search);
    SELECTS.forEach(function (name) {
      if (chosen[name]) {
        params.set(name, chosen[name]);
      } else {
        params.delete(name);
      }
    });
    if (chosen.open) {
      params.set("open", OPEN_ALWAYS);
    } else {
      params.delete("open");
    }
    var query = params.toString();
    window.history.replaceState(null, "", window.location.pathname +
      (query ? "?" + query : "") + window.location.hash);
  }

  function update() {
    var chosen = choices();
    var shown = 0;
    entries.forEach(function (entry) {
      var visible = matches(entry, chosen);
      entry.parentNode.hidden = !visible;
      shown += visible ? 1 : 0;
    });
    groups.forEach(function (group) {
      group.hidden = !group.querySelector(".resource-list > li:not([hidden])");
    });
    none.hidden = shown > 0;
    count.textContent = shown + (shown === 1 ? " resource shown" : " resources shown");
    remember(chosen);
  }

  function restore() {
    var params = new URLSearchParams(window.location.search);
    SELECTS.forEach(function (name) {
      var select = form.elements[name];
      var wanted = params.get(name);
      var known = Array.prototype.some.call(select.options, function (option) {
        return option.value === wanted;
      });
      select.value = wanted && known ? wanted : "";
    });
    form.elements.open.checked = params.get("open") === OPEN_ALWAYS;
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
  restore();
  form.hidden = false;
  update();
})();
