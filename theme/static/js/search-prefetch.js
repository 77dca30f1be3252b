/* The search form on every page: once the reader starts typing in it, the browser
   fetches in the background, from this site, the files the search page will need
   (its script, and Pagefind's script, WebAssembly and metadata), so that on a phone
   the first results come two waits sooner. The words typed are not sent: only
   the list of Pagefind's files is read, to learn their names. Nothing is fetched
   for a reader whose browser is set to save data. */
(function () {
  "use strict";
  var form = document.querySelector("[data-search-prefetch]");
  var saveData = navigator.connection && navigator.connection.saveData;
  if (!form || saveData || typeof WebAssembly !== "object") return;
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
