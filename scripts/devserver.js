/* The devserver's side in the browser (scripts/devserver.py adds it to every page
   it serves; the built site never has it). The server says which build is current
   and, when the last save broke the build, its findings: a page of an older build
   reloads itself, and a failed build's findings are shown over the last good page
   until a save fixes them (the fixed build reloads the page). */
(function () {
  "use strict";
  var build = document.currentScript.dataset.build;
  var dialog = null;
  var RETRY_MS = 500;

  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function makeDialog() {
    var box = element("dialog", "devserver-errors");
    box.setAttribute("role", "alertdialog");
    box.setAttribute("aria-labelledby", "devserver-errors-title");
    box.setAttribute("aria-describedby", "devserver-errors-intro");
    var title = element("h2", "devserver-errors__title", "The site did not build");
    title.id = "devserver-errors-title";
    var intro = element(
      "p",
      "devserver-errors__intro",
      "Under this message is the page as it was before your last save. Fix what is " +
        "listed below and save again: this message goes away by itself."
    );
    intro.id = "devserver-errors-intro";
    var list = element("ul", "devserver-errors__list");
    var close = element("button", "devserver-errors__close", "Hide this message");
    close.type = "button";
    close.addEventListener("click", function () {
      box.close();
    });
    box.append(title, intro, list, close);
    document.body.append(box);
    return box;
  }

  function showErrors(errors) {
    dialog = dialog || makeDialog();
    var list = dialog.querySelector(".devserver-errors__list");
    list.replaceChildren.apply(
      list,
      errors.map(function (finding) {
        var item = element("li");
        item.append(element("pre", "devserver-errors__finding", finding));
        return item;
      })
    );
    if (!dialog.open) dialog.showModal();
  }

  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + location.host + "/_devserver/socket");
    socket.addEventListener("message", function (event) {
      var state = JSON.parse(event.data);
      if (state.build !== build) {
        location.reload();
      } else if (state.errors.length) {
        showErrors(state.errors);
      }
    });
    // The server stopped or restarted: once it is back, its first message says
    // whether this page is still current.
    socket.addEventListener("close", function () {
      setTimeout(connect, RETRY_MS);
    });
  }

  connect();
})();
