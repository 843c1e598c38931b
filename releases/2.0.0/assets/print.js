// Handover: lays the handover document (print/index.html) out on A4 sheets, so that the contents
// can give each part's page. Browsers do not number pages for CSS (no target-counter), so this
// script places every block itself: one .sheet is one printed page, of a fixed height, and a block
// that does not fit starts the next sheet. Tables continue on the next sheet with their header,
// lists and sections with a copy of their opening tag, long code by lines; a heading never ends a
// sheet. The screen shows the sheets as the printer will.
(function () {
  "use strict";
  var doc = document.querySelector(".handover-document");
  if (!doc) return;
  var status = document.querySelector(".print-status");
  if (status) status.textContent = status.getAttribute("data-laying-out");

  function layOut() {
    // Every example open: a printout cannot be clicked. (The page loads print.css for the screen
    // too, so that what is measured here is what prints.)
    Array.prototype.forEach.call(doc.querySelectorAll("details.sample"), function (d) { d.open = true; });

    // The contents: a line per part, then one per section heading of the part.
    var contents = doc.querySelector(".contents");
    if (contents) {
      Array.prototype.forEach.call(contents.querySelectorAll(":scope > li"), function (li) {
        var a = li.querySelector("a");
        var part = a && document.getElementById(a.getAttribute("href").slice(1));
        if (!part) return;
        var headings = part.querySelectorAll("h2[id]");
        if (!headings.length) return;
        var ol = document.createElement("ol");
        var partTitle = a.textContent.trim();
        Array.prototype.forEach.call(headings, function (h) {
          // Section headings only: not a status banner's, not one that repeats the part's title.
          if (h.closest(".visually-hidden, .status-banner") || h.textContent.trim() === partTitle) return;
          var item = document.createElement("li");
          var link = document.createElement("a");
          link.href = "#" + h.id;
          link.textContent = h.textContent.replace(/¶$/, "").trim();
          item.appendChild(link);
          ol.appendChild(item);
        });
        li.appendChild(ol);
      });
      Array.prototype.forEach.call(contents.querySelectorAll("a"), function (a) {
        var n = document.createElement("span");
        n.className = "contents-page-number";
        n.textContent = "000";
        a.parentNode.insertBefore(n, a.nextSibling);
      });
    }

    var blocks = Array.prototype.slice.call(doc.children);
    var sheets = document.createElement("div");
    sheets.className = "sheets";
    doc.appendChild(sheets);
    var body = null, title = "";
    var all = [];

    function newSheet(landscape) {
      var sheet = document.createElement("div");
      sheet.className = "sheet" + (landscape ? " sheet-landscape" : "");
      var inner = document.createElement("div");
      inner.className = "sheet-body";
      sheet.appendChild(inner);
      var foot = document.createElement("div");
      foot.className = "sheet-foot";
      foot.setAttribute("data-title", title);
      sheet.appendChild(foot);
      sheets.appendChild(sheet);
      all.push(sheet);
      body = inner;
      return inner;
    }
    function overflows() { return body.scrollHeight > body.clientHeight + 1; }
    function isBlank(el) { return el.nodeType === 3 && !/\S/.test(el.textContent); }
    // Whether a sheet holds anything yet, beyond the empty copies of the tags that continue on it.
    function holdsContent(el) {
      for (var c = el.firstChild; c; c = c.nextSibling) {
        if (c.nodeType === 3 ? /\S/.test(c.textContent) : !c.hasAttribute("data-repeated") && (!c.hasAttribute("data-continued") || holdsContent(c))) return true;
      }
      return false;
    }
    var atomic = /^(P|H[1-6]|TR|THEAD|CAPTION|FIGURE|SVG|IMG|DT|DD|BLOCKQUOTE|HR|SUMMARY|LI)$/;
    function splittable(el) {
      if (el.nodeType !== 1 || atomic.test(el.tagName.toUpperCase())) return false;
      if (el.tagName === "PRE") return true;
      if (el.classList.contains("signature") || el.classList.contains("tile") || el.classList.contains("chart-panel")) return false;
      for (var c = el.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) return true;
      return false;
    }
    // A copy of the open tags from the sheet down to `parent`, on a new sheet: where `parent`'s
    // remaining children go. A table's copy carries its header.
    function continueOnNewSheet(parent, landscape) {
      var chain = [];
      for (var p = parent; p && !(p.classList && p.classList.contains("sheet-body")); p = p.parentNode) chain.unshift(p);
      var into = newSheet(landscape);
      chain.forEach(function (el) {
        var copy = el.cloneNode(false);
        copy.removeAttribute("id");
        copy.setAttribute("data-continued", "");
        if (el.tagName === "TABLE") {
          var head = el.querySelector(":scope > thead");
          if (head) {
            var repeated = head.cloneNode(true);
            repeated.setAttribute("data-repeated", "");
            copy.appendChild(repeated);
          }
        }
        into.appendChild(copy);
        into = copy;
      });
      return into;
    }
    // Headings (and captions, labels) at the end of `parent` go with what follows them.
    function trailingKeepers(parent) {
      var keep = [];
      for (var c = parent.lastChild; c; c = c.previousSibling) {
        if (isBlank(c)) continue;
        if (c.nodeType === 1 && (/^(H[1-6]|DT|SUMMARY|CAPTION)$/.test(c.tagName) || c.classList.contains("keep-with-next"))) {
          keep.unshift(c);
          continue;
        }
        break;
      }
      if (keep.length && !holdsContentBefore(parent, keep[0])) return [];
      return keep;
    }
    function holdsContentBefore(parent, node) {
      for (var c = body.firstChild; c; c = c.nextSibling) {
        if (c === parent || c.contains(parent)) {
          for (var d = parent.firstChild; d && d !== node; d = d.nextSibling) if (!isBlank(d)) return true;
          return holdsContentOutside(parent);
        }
        if (!isBlank(c)) return true;
      }
      return false;
    }
    function holdsContentOutside(parent) {
      for (var p = parent; p && p !== body; p = p.parentNode) {
        for (var s = p.previousSibling; s; s = s.previousSibling) if (!isBlank(s) && !(s.nodeType === 1 && s.hasAttribute("data-continued"))) return true;
      }
      return false;
    }
    // Long code: as many lines as fit, the rest in a copy of the block on the next sheet.
    function splitPre(pre, parent) {
      var code = pre.querySelector("code") || pre;
      var lines = code.textContent.split("\n");
      var head = pre.cloneNode(true);
      var headCode = head.querySelector("code") || head;
      parent.appendChild(head);
      var lo = 0, hi = lines.length;
      while (lo < hi) {
        var mid = Math.ceil((lo + hi) / 2);
        headCode.textContent = lines.slice(0, mid).join("\n");
        if (overflows()) hi = mid - 1; else lo = mid;
      }
      if (lo === 0) { parent.removeChild(head); return false; }
      headCode.textContent = lines.slice(0, lo).join("\n");
      var rest = pre.cloneNode(true);
      (rest.querySelector("code") || rest).textContent = lines.slice(lo).join("\n");
      rest.removeAttribute("id");
      Array.prototype.forEach.call(rest.querySelectorAll("[id]"), function (el) { el.removeAttribute("id"); });
      var into = continueOnNewSheet(parent);
      place(rest, into);
      return into;
    }
    // Places `node` into `parent` (on the current sheet); returns where the next sibling goes.
    function place(node, parent) {
      if (node.nodeType === 1 && node.classList.contains("diagram-page")) {
        var landscape = continueOnNewSheet(parent, true);
        landscape.appendChild(node);
        return continueOnNewSheet(parent === body ? body : parent);
      }
      parent.appendChild(node);
      if (!overflows()) return parent;
      parent.removeChild(node);
      if (node.nodeType === 1 && node.tagName === "PRE") {
        var after = splitPre(node, parent);
        if (after) return after;
      } else if (splittable(node)) {
        var shell = node.cloneNode(false);
        shell.setAttribute("data-split", "");
        parent.appendChild(shell);
        var into = shell;
        var children = Array.prototype.slice.call(node.childNodes);
        for (var i = 0; i < children.length; i++) into = place(children[i], into);
        // Where the rest of the parent goes: beside the last copy of this node.
        return into === shell ? parent : into.parentNode;
      }
      if (!holdsContent(body)) {
        // Larger than a sheet and cannot be split: it stays, scaled to the sheet where possible.
        parent.appendChild(node);
        if (node.nodeType === 1) node.classList.add("oversized");
        return parent;
      }
      var keepers = trailingKeepers(parent);
      keepers.forEach(function (k) { parent.removeChild(k); });
      var next = continueOnNewSheet(parent);
      keepers.forEach(function (k) { next.appendChild(k); });
      next.appendChild(node);
      if (overflows() && node.nodeType === 1) {
        next.removeChild(node);
        if (node.tagName === "PRE" || splittable(node)) return place(node, next);
        next.appendChild(node);
        node.classList.add("oversized");
      }
      return next;
    }
    blocks.forEach(function (block) {
      if (block === sheets) return;
      title = block.getAttribute("data-title") || title;
      newSheet(false);
      var into = body;
      var children = Array.prototype.slice.call(block.childNodes);
      var shell = block.cloneNode(false);
      into.appendChild(shell);
      into = shell;
      for (var i = 0; i < children.length; i++) into = place(children[i], into);
      if (block.parentNode) block.parentNode.removeChild(block);
    });

    // The opening tags a block left behind on a sheet before it moved on as a whole, empty.
    Array.prototype.slice.call(sheets.querySelectorAll("[data-split], [data-continued]")).reverse().forEach(function (el) {
      if (el.parentNode && !holdsContent(el) && !el.querySelector("svg, img")) el.parentNode.removeChild(el);
    });

    // Page numbers: the footer of every sheet and the contents.
    var label = doc.getAttribute("data-page-label") || "{n} / {m}";
    var footer = doc.getAttribute("data-footer") || "";
    all.forEach(function (sheet, i) {
      var foot = sheet.querySelector(".sheet-foot");
      var left = document.createElement("span");
      left.textContent = footer + (foot.getAttribute("data-title") ? " · " + foot.getAttribute("data-title") : "");
      var right = document.createElement("span");
      right.textContent = label.replace("{n}", i + 1).replace("{m}", all.length);
      foot.appendChild(left);
      foot.appendChild(right);
      sheet.setAttribute("data-page", i + 1);
    });
    Array.prototype.forEach.call(doc.querySelectorAll(".contents a"), function (a) {
      var target = document.getElementById(a.getAttribute("href").slice(1));
      var sheet = target && target.closest(".sheet");
      var n = a.parentNode.querySelector(".contents-page-number");
      if (n) n.textContent = sheet ? sheet.getAttribute("data-page") : "";
    });
    var overflowing = all.filter(function (s) { var b = s.querySelector(".sheet-body"); return b.scrollHeight > b.clientHeight + 1; }).length;
    doc.setAttribute("data-sheets", all.length);
    doc.setAttribute("data-overflowing", overflowing);
    doc.classList.add("laid-out");
    if (status) status.textContent = status.getAttribute("data-laid-out").replace("{pages}", all.length);
    var button = document.querySelector(".print-button");
    if (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    }
  }

  // Images first: their sizes are what is measured. Synchronously in the load event, so that a
  // browser asked to print on load (headless Chromium's --print-to-pdf) prints the sheets.
  if (document.readyState === "complete") layOut(); else window.addEventListener("load", layOut);
})();
