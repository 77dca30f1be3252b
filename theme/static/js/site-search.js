/* The search form on every page.
   - The words stay out of the address: they are kept in this tab (sessionStorage,
     which the quick exit clears and closing the tab ends) and /search/ is opened
     without them, so the browser's history and cache never hold what a reader
     searched for. Without scripts, or with storage blocked, the form sends them in
     the address (/search/?q=…), as any form does.
   - Once the reader starts typing, the browser fetches in the background, from this
     site, what the search page will need: the page itself (speculation rules: kept
     in memory and opened from there on Enter), its script, and Pagefind's script,
     list of files (with a tag of the moment, which the search page asks for again)
     and the files every first search needs (ahead.json names them: the metadata,
     the WebAssembly, a small site's whole index). On a phone the first results
     come four waits sooner. Nothing is fetched for a reader whose browser is set to
     save data, nor on the search page itself. */
(function () {
  "use strict";
  var form = document.querySelector("[data-site-search]");
  if (!form) return;
  var input = form.querySelector("input[name=q]");
  var KEY = "small-wins-search"; // search.js reads it; exit-this-page.js clears it
  var TAG_KEY = "small-wins-search-tag"; // search.js takes it

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
  var onSearchPage = document.querySelector("[data-search]");
  if (saveData || onSearchPage || typeof WebAssembly !== "object") return;
  var script = new URL(form.getAttribute("data-search-script"), document.baseURI);
  var bundle = new URL(form.getAttribute("data-search-bundle"), document.baseURI);

  function prefetch(url) {
    var link = document.createElement("link");
    link.rel = "prefetch";
    link.href = url.href;
    document.head.appendChild(link);
  }

  // The rules match a link to the search page: one is added, out of sight and of
  // the keyboard's way. The page's policy allows these rules, by their hash, alone.
  function fetchSearchPageAhead() {
    var rules = form.getAttribute("data-search-ahead-rules");
    if (!rules || !HTMLScriptElement.supports || !HTMLScriptElement.supports("speculationrules")) return;
    var link = document.createElement("a");
    link.href = form.action;
    link.className = "visually-hidden";
    link.tabIndex = -1;
    link.setAttribute("aria-hidden", "true");
    link.setAttribute("data-search-ahead", "");
    form.appendChild(link);
    var script = document.createElement("script");
    script.type = "speculationrules";
    script.textContent = rules;
    document.head.appendChild(script);
  }

  function tagOfTheMoment() {
    var tag = String(Date.now());
    try {
      window.sessionStorage.setItem(TAG_KEY, tag);
    } catch (error) {
      // storage blocked: the search page asks for the list again
    }
    return tag;
  }

  form.addEventListener(
    "input",
    function () {
      fetchSearchPageAhead();
      prefetch(script);
      prefetch(bundle);
      prefetch(new URL("pagefind-entry.json?ts=" + tagOfTheMoment(), bundle));
      fetch(new URL("ahead.json", bundle))
        .then(function (response) {
          return response.json();
        })
        .then(function (ahead) {
          ahead.files.forEach(function (file) {
            prefetch(new URL(file, bundle));
          });
        })
        .catch(function () {
          // No list (a build without its index yet): the search page fetches what it needs.
        });
    },
    { once: true }
  );
})();
