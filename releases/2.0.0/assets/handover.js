// Handover: offline search and the theme switch. No dependencies, no requests beyond the site.
(function () {
  "use strict";
  var root = document.body.getAttribute("data-root") || "";

  // Theme: follows the system until the reader chooses; the choice is remembered.
  var toggle = document.querySelector(".theme-toggle");
  function currentTheme() {
    var set = document.documentElement.dataset.theme;
    if (set) return set;
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }
  function showTheme() {
    var dark = currentTheme() === "dark";
    toggle.setAttribute("aria-pressed", dark ? "true" : "false");
    toggle.querySelector(".theme-label").textContent = "Dark theme";
    toggle.title = dark ? "Switch to the light theme" : "Switch to the dark theme";
  }
  if (toggle) {
    toggle.hidden = false;
    showTheme();
    toggle.addEventListener("click", function () {
      var next = currentTheme() === "dark" ? "light" : "dark";
      document.documentElement.dataset.theme = next;
      try { localStorage.setItem("handover-theme", next); } catch (e) {}
      showTheme();
    });
  }

  // Version switcher: releases/versions.js (written by every build) lists the archived releases;
  // the same page opens in the chosen one. An archive sits at releases/<version>/ of the live site.
  var switcher = document.querySelector(".version-switcher");
  var releases = window.handoverReleases;
  if (switcher && releases && releases.releases && releases.releases.length) {
    var select = switcher.querySelector("select");
    var current = switcher.getAttribute("data-current") || "";
    var path = switcher.getAttribute("data-path") || "index.html";
    var liveRoot = current ? root + "../../" : root;
    var options = [{ value: "", label: switcher.getAttribute("data-label-live") }];
    releases.releases.forEach(function (r) {
      var label = switcher.getAttribute("data-label-release") + " " + r.version + " · " + r.date;
      if (r.version === releases.latest) label += " (" + switcher.getAttribute("data-label-latest") + ")";
      options.push({ value: r.version, label: label });
    });
    options.forEach(function (o) {
      var option = document.createElement("option");
      option.value = o.value;
      option.textContent = o.label;
      if (o.value === current) option.selected = true;
      select.appendChild(option);
    });
    select.addEventListener("change", function () {
      var v = select.value;
      window.location.href = liveRoot + (v ? "releases/" + encodeURIComponent(v) + "/" : "") + path;
    });
    switcher.hidden = false;
  }

  // Search over the prebuilt index, loaded as a script so that it works from file:// too.
  var box = document.querySelector(".search");
  var input = document.getElementById("search-input");
  var list = document.getElementById("search-results");
  if (!box || !input || !list) return;
  var index = null, loading = false, results = [], active = -1;

  function load(then) {
    if (index || window.handoverSearchIndex) { index = index || window.handoverSearchIndex; then(); return; }
    if (loading) return;
    loading = true;
    var s = document.createElement("script");
    s.src = root + "search-index.js";
    s.onload = function () { index = window.handoverSearchIndex; then(); };
    document.head.appendChild(s);
  }
  box.hidden = false;

  function norm(s) { return s.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, ""); }

  function search(query) {
    var terms = norm(query).split(/\s+/).filter(function (t) { return t.length > 0; });
    if (!terms.length || !index) return [];
    var found = [];
    index.pages.forEach(function (page) {
      var title = norm(page.t);
      var titleHits = terms.filter(function (t) { return title.indexOf(t) >= 0; }).length;
      var best = null;
      page.s.forEach(function (s) {
        var heading = norm(s[1]), text = norm(s[2]);
        var score = 0;
        for (var i = 0; i < terms.length; i++) {
          var t = terms[i];
          if (title.indexOf(t) >= 0) score += 10;
          else if (heading.indexOf(t) >= 0) score += 5;
          else if (text.indexOf(t) >= 0) score += 1;
          else return;
        }
        if (!best || score > best.score) best = { score: score, section: s };
      });
      if (best) found.push({ page: page, section: best.section, score: best.score });
      else if (titleHits === terms.length) found.push({ page: page, section: null, score: 10 * terms.length + 1 });
    });
    found.sort(function (a, b) { return b.score - a.score || a.page.t.localeCompare(b.page.t); });
    return found.slice(0, 12);
  }

  function snippet(text, terms) {
    var lower = norm(text), at = -1;
    for (var i = 0; i < terms.length && at < 0; i++) at = lower.indexOf(terms[i]);
    var start = Math.max(0, at - 40);
    return (start > 0 ? "…" : "") + text.slice(start, start + 140) + (text.length > start + 140 ? "…" : "");
  }

  function render() {
    var query = input.value.trim();
    list.textContent = "";
    active = -1;
    if (!query) { close(); return; }
    results = search(query);
    var terms = norm(query).split(/\s+/);
    if (!results.length) {
      var empty = document.createElement("p");
      empty.className = "search-empty";
      empty.textContent = "No page matches “" + query + "”.";
      list.appendChild(empty);
    }
    results.forEach(function (r, i) {
      var a = document.createElement("a");
      a.id = "search-result-" + i;
      a.className = "search-result";
      a.href = root + r.page.u + (r.section && r.section[0] ? "#" + r.section[0] : "");
      var t = document.createElement("span");
      t.className = "search-result-title";
      t.textContent = r.page.t + (r.section && r.section[1] ? " › " + r.section[1] : "");
      a.appendChild(t);
      if (r.section && r.section[2]) {
        var s = document.createElement("span");
        s.className = "search-result-text";
        s.textContent = snippet(r.section[2], terms);
        a.appendChild(s);
      }
      list.appendChild(a);
    });
    list.hidden = false;
  }

  function close() {
    list.hidden = true;
  }

  function move(step) {
    var items = list.querySelectorAll(".search-result");
    if (!items.length) return;
    if (active >= 0) items[active].classList.remove("active");
    active = (active + step + items.length) % items.length;
    items[active].classList.add("active");
    items[active].scrollIntoView({ block: "nearest" });
  }

  input.addEventListener("focus", function () { load(function () { if (input.value) render(); }); });
  input.addEventListener("input", function () { load(render); });
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown") { e.preventDefault(); move(1); }
    else if (e.key === "ArrowUp") { e.preventDefault(); move(-1); }
    else if (e.key === "Enter") {
      var items = list.querySelectorAll(".search-result");
      var target = items[active >= 0 ? active : 0];
      if (target) { e.preventDefault(); window.location.href = target.href; }
    } else if (e.key === "Escape") { input.value = ""; close(); input.blur(); }
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "/" && document.activeElement !== input && !/^(INPUT|TEXTAREA|SELECT)$/.test((document.activeElement || {}).tagName || "")) {
      e.preventDefault();
      input.focus();
    }
  });
  document.addEventListener("click", function (e) { if (!box.contains(e.target)) close(); });
})();
