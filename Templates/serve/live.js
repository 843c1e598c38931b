(function () {
  "use strict";
  var tag = document.querySelector("script[data-handover-live]");
  var generation = Number(tag ? tag.getAttribute("data-generation") : 0);
  var server = tag ? tag.getAttribute("data-server") : "";
  var here = decodeURIComponent(location.pathname.replace(/^\/+/, ""));
  if (here === "" || here.slice(-1) === "/") here += "index.html";
  var overlay = null;

  function hideErrors() {
    if (overlay) { overlay.remove(); overlay = null; }
  }

  function showErrors(errors) {
    hideErrors();
    overlay = document.createElement("div");
    overlay.id = "handover-error-overlay";
    overlay.setAttribute("role", "alertdialog");
    overlay.setAttribute("aria-labelledby", "handover-error-title");
    overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem 1rem;" +
      "background:rgba(20,20,24,.82);font:15px/1.5 system-ui,sans-serif;";
    var panel = document.createElement("div");
    panel.style.cssText = "max-width:60rem;margin:0 auto;background:#fff;color:#1a1a1a;border-radius:8px;" +
      "border-top:6px solid #b3261e;padding:1.25rem 1.5rem;box-shadow:0 8px 32px rgba(0,0,0,.4)";
    var title = document.createElement("h2");
    title.id = "handover-error-title";
    title.style.cssText = "margin:0 0 .25rem;font-size:1.25rem;color:#8c1d18";
    title.textContent = "Handover could not rebuild the site (" + errors.length + " error" + (errors.length === 1 ? "" : "s") + ")";
    var lede = document.createElement("p");
    lede.style.cssText = "margin:0 0 1rem;color:#444";
    lede.textContent = "The page shows the last good build. Fix the inputs and save: this disappears by itself.";
    var list = document.createElement("ol");
    list.style.cssText = "margin:0;padding-left:1.25rem";
    errors.forEach(function (e) {
      var item = document.createElement("li");
      item.style.cssText = "margin:0 0 .75rem";
      var where = document.createElement("code");
      where.style.cssText = "font:600 14px/1.4 ui-monospace,monospace;color:#1a1a1a";
      where.textContent = e.location;
      var message = document.createElement("div");
      message.style.cssText = "font-family:ui-monospace,monospace;font-size:14px;white-space:pre-wrap";
      message.textContent = e.severity + ": " + e.message;
      item.appendChild(where);
      item.appendChild(message);
      if (e.hint) {
        var hint = document.createElement("div");
        hint.style.cssText = "color:#444;font-size:14px";
        hint.textContent = "hint: " + e.hint;
        item.appendChild(hint);
      }
      list.appendChild(item);
    });
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Dismiss";
    close.style.cssText = "margin-top:.5rem;font:inherit;padding:.3rem .9rem;cursor:pointer";
    close.addEventListener("click", hideErrors);
    panel.appendChild(title);
    panel.appendChild(lede);
    panel.appendChild(list);
    panel.appendChild(close);
    overlay.appendChild(panel);
    document.body.appendChild(overlay);
  }

  function affectsThisPage(event) {
    return event.changed.some(function (path) {
      return path === here || path.indexOf("assets/") === 0;
    });
  }

  var source = new EventSource("/__handover/events");
  source.addEventListener("build", function (message) {
    var event = JSON.parse(message.data);
    if (event.errors.length > 0) { showErrors(event.errors); return; }
    hideErrors();
    // A restarted server counts from 1 again: its site may differ anywhere.
    if (event.server !== server) { location.reload(); return; }
    if (event.generation > generation) {
      if (affectsThisPage(event)) { location.reload(); return; }
      generation = event.generation;
    }
  });
  window.addEventListener("pagehide", function () { source.close(); });
})();
