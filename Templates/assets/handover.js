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
    // The words come from the page (the site's message catalog).
    toggle.title = toggle.getAttribute(dark ? "data-to-light" : "data-to-dark") || "";
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

  // A large site's index is in shards (search/): the words' shards and the best pages' fragments
  // are loaded as a query needs them, each once.
  var sharded = box.getAttribute("data-index") === "sharded";
  var meta = null, shards = {}, fragments = {}, pending = {};
  window.handoverSearchMeta = function (m) { meta = m; };
  window.handoverSearchShard = function (key, terms) { shards[key] = terms; };
  window.handoverSearchFragment = function (n, entries) { fragments[n] = entries; };
  function script(src, done) {
    if (pending[src] === "loaded") { done(); return; }
    if (pending[src]) { pending[src].push(done); return; }
    pending[src] = [done];
    var s = document.createElement("script");
    s.src = src;
    s.onload = s.onerror = function () { var waiting = pending[src]; pending[src] = "loaded"; waiting.forEach(function (f) { f(); }); };
    document.head.appendChild(s);
  }
  function scripts(srcs, done) {
    var left = srcs.length;
    if (!left) { done(); return; }
    srcs.forEach(function (src) {
      if (pending[src] === "loaded") { if (--left === 0) done(); return; }
      script(src, function () { if (--left === 0) done(); });
    });
  }

  function load(then) {
    if (sharded) {
      if (meta) { then(); return; }
      script(root + "search/index.js", function () { if (meta) then(); });
      return;
    }
    if (index || window.handoverSearchIndex) { index = index || window.handoverSearchIndex; then(); return; }
    if (loading) return;
    loading = true;
    var s = document.createElement("script");
    s.src = root + "search-index.js";
    s.onload = function () { index = window.handoverSearchIndex; then(); };
    document.head.appendChild(s);
  }
  box.hidden = false;

  // The words of a query, cut as the index cut the pages (Sources/Pages/SearchTerms.swift):
  // words of letters and digits, matched by their start; Chinese and Japanese as pairs of
  // characters, matched whole.
  function isHangul(c) { return (c >= 0xac00 && c <= 0xd7a3) || (c >= 0x1100 && c <= 0x11ff) || (c >= 0x3130 && c <= 0x318f); }
  function isCJK(c) { return (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x2fa1f); }
  var wordChar = /[\p{L}\p{N}\p{Mn}]/u;
  function queryTerms(query) {
    var out = [], word = "", run = [];
    function flushWord() { if (word) out.push({ term: word, prefix: true }); word = ""; }
    function flushRun() {
      if (run.length === 1) out.push({ term: run[0], prefix: true });
      for (var i = 0; i + 1 < run.length; i++) out.push({ term: run[i] + run[i + 1], prefix: false });
      run = [];
    }
    Array.from(norm(query)).forEach(function (ch) {
      var c = ch.codePointAt(0);
      if (isCJK(c)) { flushWord(); run.push(ch); }
      else if (wordChar.test(ch)) { flushRun(); word += ch; }
      else { flushWord(); flushRun(); }
    });
    flushWord(); flushRun();
    // One Latin letter would need every shard that starts with it: wait for a second.
    return out.filter(function (t) {
      var c = t.term.codePointAt(0);
      return Array.from(t.term).length > 1 || isHangul(c) || isCJK(c);
    });
  }
  function shardKey(term) {
    var chars = Array.from(term), c = chars[0].codePointAt(0);
    var n = isHangul(c) || isCJK(c) || chars.length === 1 ? 1 : 2;
    return chars.slice(0, n).map(function (ch) { return ch.codePointAt(0).toString(16); }).join("-");
  }
  function pagesOf(list) {
    var out = [], last = 0;
    if (!list) return out;
    list.split(",").forEach(function (d) {
      if (d.charAt(0) === "~") { for (var n = parseInt(d.slice(1), 36); n > 0; n--) out.push(++last); }
      else { last += parseInt(d, 36); out.push(last); }
    });
    return out;
  }
  var seq = 0;
  function searchSharded(query, done) {
    var mine = ++seq;
    // When the query started, its words' shards arrived and its results were shown (make bench).
    var timing = window.handoverSearchTiming = { query: query, start: performance.now() };
    var terms = queryTerms(query);
    if (!terms.length || !meta) { done([]); return; }
    var known = {};
    meta.shards.forEach(function (k) { known[k] = true; });
    var keys = [];
    terms.forEach(function (t) { var k = shardKey(t.term); if (known[k] && keys.indexOf(k) < 0) keys.push(k); });
    scripts(keys.map(function (k) { return root + "search/t/" + k + ".js"; }), function () {
      if (mine !== seq) return;
      timing.shards = performance.now();
      var scores = null;
      terms.forEach(function (t) {
        var shard = shards[shardKey(t.term)] || {}, best = {};
        Object.keys(shard).forEach(function (term) {
          if (t.prefix ? term.lastIndexOf(t.term, 0) !== 0 : term !== t.term) return;
          [10, 5, 1].forEach(function (weight, field) {
            pagesOf(shard[term][field]).forEach(function (p) { if (!(best[p] >= weight)) best[p] = weight; });
          });
        });
        if (scores === null) { scores = best; return; }
        var both = {};
        Object.keys(scores).forEach(function (p) { if (best[p]) both[p] = scores[p] + best[p]; });
        scores = both;
      });
      var ranked = Object.keys(scores || {}).map(Number).sort(function (a, b) { return scores[b] - scores[a] || a - b; }).slice(0, 12);
      var needed = [];
      ranked.forEach(function (p) { var f = Math.floor(p / meta.per); if (needed.indexOf(f) < 0) needed.push(f); });
      scripts(needed.map(function (f) { return root + "search/f/" + f + ".js"; }), function () {
        if (mine !== seq) return;
        timing.fragments = performance.now();
        var words = norm(query).split(/\s+/).filter(function (w) { return w; });
        done(ranked.map(function (p) {
          var entries = fragments[Math.floor(p / meta.per)];
          var page = entries && entries[p % meta.per];
          if (!page) return null;
          return { page: page, section: bestSection(page, words), score: scores[p] };
        }).filter(function (r) { return r; }));
      });
    });
  }
  // The section of a page where the query's words are, else its first.
  function bestSection(page, words) {
    var best = null, bestScore = -1;
    page.s.forEach(function (s) {
      var heading = norm(s[1]), text = norm(s[2]), score = 0;
      words.forEach(function (w) { if (heading.indexOf(w) >= 0) score += 5; else if (text.indexOf(w) >= 0) score += 1; });
      if (score > bestScore) { best = s; bestScore = score; }
    });
    return best;
  }

  // Case and diacritics folded for Latin (é → e), character by character, so that a position in
  // the folded text maps back to the original: Hangul and CJK are kept as they are (decomposing
  // a Hangul syllable into its letters would put every later position off, and cut the snippet
  // of a Korean word in the wrong place).
  var marks = /[\u0300-\u036f]/g;
  function foldChar(c) {
    var code = c.charCodeAt(0);
    if (code < 0x80) return c.toLowerCase();
    if (code >= 0x1100 && (code <= 0x11ff || (code >= 0x2e80 && code <= 0xd7ff) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xff00 && code <= 0xffef))) return c;
    return c.normalize("NFD").replace(marks, "").toLowerCase();
  }
  function fold(s) {
    s = s.normalize("NFC");
    var out = "", map = [];
    for (var i = 0; i < s.length; i++) {
      var c = s[i];
      // A surrogate pair is one character.
      if (c >= "\ud800" && c <= "\udbff" && i + 1 < s.length) { c += s[i + 1]; }
      var f = foldChar(c);
      for (var k = 0; k < f.length; k++) map.push(i);
      out += f;
      i += c.length - 1;
    }
    map.push(s.length);
    return { text: out, map: map };
  }
  function norm(s) { return fold(s).text; }

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

  // About 140 characters around the first match, cut at whole characters and, where there are
  // spaces, at whole words.
  function snippet(text, terms) {
    text = text.normalize("NFC");
    var folded = fold(text), at = -1;
    for (var i = 0; i < terms.length && at < 0; i++) at = folded.text.indexOf(terms[i]);
    var chars = Array.from(text);
    // The match's place in characters (code points), not UTF-16 units.
    var pos = at < 0 ? 0 : Array.from(text.slice(0, folded.map[at])).length;
    var start = Math.max(0, pos - 40), end = Math.min(chars.length, start + 140);
    if (start > 0) { var space = chars.indexOf(" ", start); if (space >= 0 && space < pos) start = space + 1; }
    if (end < chars.length) { var back = chars.lastIndexOf(" ", end); if (back > pos) end = back; }
    return (start > 0 ? "…" : "") + chars.slice(start, end).join("") + (end < chars.length ? "…" : "");
  }

  function render() {
    var query = input.value.trim();
    if (!query) { list.textContent = ""; active = -1; close(); return; }
    if (sharded) searchSharded(query, function (found) {
      show(query, found);
      if (window.handoverSearchTiming) window.handoverSearchTiming.shown = performance.now();
    });
    else show(query, search(query));
  }

  function show(query, found) {
    list.textContent = "";
    // Which query the list answers (a large site's results arrive after the keystroke).
    list.setAttribute("data-query", query);
    active = -1;
    results = found;
    var terms = norm(query).split(/\s+/);
    if (!results.length) {
      var empty = document.createElement("p");
      empty.className = "search-empty";
      empty.textContent = (box.getAttribute("data-no-match") || "{query}").replace("{query}", query);
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
