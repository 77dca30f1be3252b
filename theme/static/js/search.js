/* Search on /search/: the reader's words (from the form on any page, or ?q=…) are looked
   up in the site's own Pagefind index, loaded from this site the first time the
   reader searches; nothing is sent anywhere. When the words are about crisis or
   self-harm, or nothing matches, the crisis lines of the country the band shows
   come first, copied from the band on this page. Without JavaScript the page
   shows every page and service instead. */
(function () {
  "use strict";
  var root = document.querySelector("[data-search]");
  var form = document.querySelector("[data-search-form]");
  if (!root || !form || typeof WebAssembly !== "object") return;
  var input = form.querySelector("input[name=q]");
  var count = root.querySelector("[data-search-count]");
  var list = root.querySelector("[data-search-results]");
  var help = root.querySelector("[data-search-help]");
  var words = JSON.parse(root.getAttribute("data-crisis-words") || "[]");
  var bundle = new URL(root.getAttribute("data-search-bundle"), document.baseURI).href;
  var MAX_RESULTS = 10;
  var pagefind = null;
  var latest = 0;

  function preload(file) {
    var link = document.createElement("link");
    link.rel = "preload";
    link.as = "fetch";
    link.crossOrigin = "anonymous";
    link.href = new URL(file, bundle).href;
    document.head.appendChild(link);
  }

  // The tag with which site-search.js fetched Pagefind's list of files while the
  // reader typed: asked for again, the list comes from the cache. Taken once, so a
  // reload asks the server.
  var TAG_KEY = "small-wins-search-tag";

  function takeTag() {
    try {
      var tag = window.sessionStorage.getItem(TAG_KEY);
      window.sessionStorage.removeItem(TAG_KEY);
      return tag;
    } catch (error) {
      return null;
    }
  }

  // Pagefind asks for its files one after another: its script, then the list of
  // its files, then its WebAssembly (the index is in English). Asked for at once,
  // they take one wait on a slow connection instead of three. Pagefind runs in
  // this page: in its worker, which has no policy allowing WebAssembly (the
  // build leaves it out), it found nothing.
  function load() {
    if (!pagefind) {
      var tag = takeTag() || String(Date.now());
      preload("pagefind-entry.json?ts=" + tag);
      preload("wasm.en.pagefind");
      pagefind = import(bundle).then(function (module) {
        return module.options({ excerptLength: 24, noWorker: true, metaCacheTag: tag }).then(function () {
          return module;
        });
      });
    }
    return pagefind;
  }

  // Whole words, whatever the case, spacing or punctuation around them.
  function normal(text) {
    return " " + text.toLowerCase().replace(/[^\p{L}\p{N}'’-]+/gu, " ").replace(/’/g, "'").trim() + " ";
  }

  function aboutCrisis(query) {
    var text = normal(query);
    return words.some(function (word) {
      return text.indexOf(normal(word)) !== -1;
    });
  }

  function showHelp(why) {
    var chosen = document.querySelector("[data-crisis-band] [data-country][data-chosen]");
    var lines = help.querySelector("[data-search-help-lines]");
    lines.textContent = "";
    if (chosen) {
      var where = chosen.querySelector(".crisis-help__where").firstChild.textContent;
      var heading = document.createElement("p");
      heading.textContent = where + ":";
      lines.appendChild(heading);
      lines.appendChild(chosen.querySelector(".crisis-help__lines").cloneNode(true));
    }
    help.querySelector("[data-search-help-why]").textContent = why;
    help.hidden = false;
  }

  // Pagefind marks the words found with <mark> in escaped text: only text and
  // <mark> are kept, parsed in an inert document.
  function passage(excerpt) {
    var paragraph = document.createElement("p");
    paragraph.className = "search-result__passage";
    var parsed = new DOMParser().parseFromString(excerpt, "text/html").body.childNodes;
    for (var i = 0; i < parsed.length; i++) {
      if (parsed[i].nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = parsed[i].textContent;
        paragraph.appendChild(mark);
      } else {
        paragraph.appendChild(document.createTextNode(parsed[i].textContent));
      }
    }
    return paragraph;
  }

  // The section of the page where the words are found most often.
  function bestSection(data) {
    var best = null;
    (data.sub_results || []).forEach(function (sub) {
      if (!best || sub.locations.length > best.locations.length) best = sub;
    });
    return best;
  }

  function item(data) {
    var sub = bestSection(data);
    // A service's or a win's address is its metadata: data.url is the record's own page.
    var address = data.meta.url || data.url;
    var title = data.meta.title || address;
    var li = document.createElement("li");
    var link = document.createElement("a");
    link.href = sub ? sub.url : address;
    link.textContent = title;
    li.appendChild(link);
    var section = sub && sub.url.indexOf("#") !== -1 && sub.title !== title ? sub.title : data.meta.section;
    if (section) {
      var where = document.createElement("p");
      where.className = "search-result__section";
      where.textContent = "Section: " + section;
      li.appendChild(where);
    }
    li.appendChild(passage(sub ? sub.excerpt : data.excerpt));
    return li;
  }

  function say(text) {
    count.textContent = text;
  }

  function run(query) {
    var mine = ++latest;
    query = query.trim();
    list.textContent = "";
    help.hidden = true;
    if (!query) {
      say("");
      return;
    }
    var crisis = aboutCrisis(query);
    if (crisis) {
      showHelp("If you are thinking about ending your life or harming yourself, you do not have to wait: you can talk to someone now.");
    }
    say("Searching…");
    load()
      .then(function (module) {
        return module.search(query);
      })
      .then(function (search) {
        return Promise.all(
          search.results.slice(0, MAX_RESULTS).map(function (result) {
            return result.data();
          })
        ).then(function (found) {
          if (mine !== latest) return;
          found.forEach(function (data) {
            list.appendChild(item(data));
          });
          var total = search.results.length;
          if (!total) {
            if (!crisis) showHelp("If you need to talk to someone now, you can reach them here.");
            say("Nothing on the site matches “" + query + "”. Try fewer words or other words, or look through every page and service below.");
          } else {
            var shown = total > MAX_RESULTS ? ", the first " + MAX_RESULTS + " shown" : "";
            say(total + (total === 1 ? " result" : " results") + " for “" + query + "”" + shown + ".");
          }
        });
      })
      .catch(function () {
        if (mine === latest) say("Search is not working just now. Every page and service is listed below.");
      });
  }

  // The words are kept in this tab, out of the address (site-search.js says why): a
  // reload or Back shows the results again, and the quick exit forgets them.
  var KEY = "small-wins-search";

  function keep(words) {
    try {
      window.sessionStorage.setItem(KEY, words);
    } catch (error) {
      // storage blocked: the results are shown, and not kept
    }
  }

  function kept() {
    try {
      return window.sessionStorage.getItem(KEY) || "";
    } catch (error) {
      return "";
    }
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    keep(input.value);
    run(input.value);
  });

  // Words in the address (a link, or a form sent with storage blocked) leave it at once.
  var asked = new URLSearchParams(window.location.search).get("q");
  if (asked !== null) {
    keep(asked);
    window.history.replaceState(null, "", window.location.pathname + window.location.hash);
  }
  var query = asked !== null ? asked : kept();
  if (query) {
    input.value = query;
    run(query);
  }
})();
