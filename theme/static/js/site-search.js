/* The search form on every page.
   - The words stay out of the address: they are kept in this tab (sessionStorage,
     which the quick exit clears and closing the tab ends) and /search/ is opened
     without them, so the browser's history and cache never hold what a reader
     searched for. Without scripts, or with storage blocked, the form sends them in
     the address (/search/?q=…), as any form does.
   - Once the reader starts typing, the browser fetches in the background, from this
     site, the files the search page will need (its script, and Pagefind's script,
     WebAssembly and metadata), so that on a phone the first results come two waits
     sooner. Only the list of Pagefind's files is read, to learn their names; nothing
     is fetched for a reader whose browser is set to save data. */
(function () {
  "use strict";
  var form = document.querySelector("[data-site-search]");
  if (!form) return;
  var input = form.querySelector("input[name=q]");
  var KEY = "small-wins-search"; // search.js reads it; exit-this-page.js clears it

  form.addEventListener("submit", function (event) {
    try {
      window.sessionStorage.setItem(KEY, input.value);
    } catch (error) {
      return; // storage blocked: the words go in the address
    }
    event.preventDefault();
    window.location.assign(form.action);
  });

  var saveData = navigator.connection && navigator.connection.saveData;
  if (saveData || typeof WebAssembly !== "object") return;
  var script = new URL(form.getAttribute("data-search-script"), document.baseURI);
  var bundle = new URL(form.getAttribute("data-search-bundle"), document.baseURI);

  function prefetch(url) {
    var link = document.createElement("link");
    link.rel = "prefetch";
    link.href = url.href;
    document.head.appendChild(link);
  }

  form.addEventListener(
    "input",
    function () {
      prefetch(script);
      prefetch(bundle);
      fetch(new URL("pagefind-entry.json?ts=" + Date.now(), bundle))
        .then(function (response) {
          return response.json();
        })
        .then(function (entry) {
          Object.keys(entry.languages).forEach(function (name) {
            var language = entry.languages[name];
            prefetch(new URL("pagefind." + language.hash + ".pf_meta", bundle));
            prefetch(new URL("wasm." + (language.wasm || "unknown") + ".pagefind", bundle));
          });
        })
        .catch(function () {
          // No list (a build without its index yet): the search page fetches what it needs.
        });
    },
    { once: true }
  );
})();
