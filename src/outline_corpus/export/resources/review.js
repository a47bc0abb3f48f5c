(function () {
  "use strict";
  // Kinds whose record is about a whole article or heading: the filter shows it all.
  var WHOLE = ["missing_article", "missing_heading"];
  var table = document.getElementById("review");
  var total = Number(table.dataset.rows);
  var select = document.getElementById("kind-filter");
  var boxes = Array.prototype.slice.call(document.querySelectorAll("#filters input[data-doc]"));
  var shown = document.getElementById("shown");
  var markedOnly = document.getElementById("marked-filter");

  function each(root, selector, fn) {
    Array.prototype.forEach.call(root.querySelectorAll(selector), fn);
  }

  function matches(kind, kinds) {
    return kind === "*" ? kinds.length > 0 : kinds.indexOf(kind) >= 0;
  }

  // A mark counts while one of the translations it is about is shown.
  function visibleMark(mark, hidden) {
    return mark.dataset.docs.split(" ").some(function (d) { return d && !hidden[d]; });
  }

  function apply() {
    var hidden = Object.create(null);  // no inherited keys: a doc may be "constructor"
    var visibleDocs = 0;
    boxes.forEach(function (b) {
      if (b.checked) { visibleDocs += 1; } else { hidden[b.dataset.doc] = true; }
    });
    // columns, badges and records of hidden translations
    each(document, "th[data-doc], td[data-doc], li.note[data-doc], .badge[data-doc]",
      function (el) { el.hidden = Boolean(hidden[el.dataset.doc]); });
    each(document, "tr.section-head th", function (th) { th.colSpan = 2 + visibleDocs; });
    each(document, "mark.gap[data-docs]", function (m) {
      m.classList.toggle("muted", !visibleMark(m, hidden));
    });
    var onlyMarked = markedOnly.checked;
    var kind = select.value;
    var count = 0;
    each(document, "tbody.section", function (section) {
      var wholeKinds = [];
      var headKinds = [];
      each(section, "tr.section-head li.note", function (li) {
        if (li.hidden) { return; }
        headKinds.push(li.dataset.kind);
        if (WHOLE.indexOf(li.dataset.kind) >= 0) { wholeKinds.push(li.dataset.kind); }
      });
      var whole = Boolean(kind) && matches(kind, wholeKinds);
      var any = Boolean(kind) && matches(kind, headKinds);
      each(section, "tr.row", function (row) {
        var ok = !kind || whole;
        if (row.dataset.doc && hidden[row.dataset.doc]) {
          ok = false;
        } else if (!ok) {
          each(row, "td[data-kinds]", function (cell) {
            if (!cell.hidden && matches(kind, cell.dataset.kinds.split(" ").filter(Boolean))) {
              ok = true;
            }
          });
        }
        if (ok && onlyMarked) {
          ok = Array.prototype.some.call(row.querySelectorAll("mark.gap[data-docs]"),
            function (m) { return visibleMark(m, hidden); });
        }
        row.hidden = !ok;
        if (ok) { count += 1; any = true; }
      });
      section.hidden = (Boolean(kind) || onlyMarked) && !any;
    });
    each(document, "#other-notes li.note", function (li) {
      li.hidden = Boolean(hidden[li.dataset.doc]) || (Boolean(kind) && !matches(kind, [li.dataset.kind]));
    });
    each(document, "nav#toc a[href^='#']", function (a) {
      var target = document.getElementById(a.getAttribute("href").slice(1));
      a.classList.toggle("filtered-out", Boolean(target && target.hidden));
    });
    shown.textContent = count + " of " + total + " rows";
  }

  select.addEventListener("change", apply);
  markedOnly.addEventListener("change", apply);
  boxes.forEach(function (b) { b.addEventListener("change", apply); });
  apply();
}());
