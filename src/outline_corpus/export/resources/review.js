(function () {
  "use strict";
  // Kinds whose record is about a whole article or heading: the filter shows it all.
  var WHOLE = ["missing_article", "missing_heading"];
  var RANK = {high: 0, medium: 1, low: 2};
  var table = document.getElementById("review");
  var total = Number(table.dataset.rows);
  var select = document.getElementById("kind-filter");
  var boxes = Array.prototype.slice.call(document.querySelectorAll("#filters input[data-doc]"));
  var shown = document.getElementById("shown");
  var markedOnly = document.getElementById("marked-filter");
  var textBox = document.getElementById("text-filter");
  var severityBox = document.getElementById("severity-filter");
  var scoreBox = document.getElementById("score-filter");
  var statusBox = document.getElementById("status-filter");

  function each(root, selector, fn) {
    Array.prototype.forEach.call(root.querySelectorAll(selector), fn);
  }

  function some(root, selector, fn) {
    return Array.prototype.some.call(root.querySelectorAll(selector), fn);
  }

  // The text each row is searched in (its sentences, ids and records), read once,
  // before the review controls add their labels.
  var texts = new Map();
  each(document, "tr.row, tr.section-head", function (row) {
    texts.set(row, row.textContent.toLowerCase());
  });

  function matches(kind, kinds) {
    return kind === "*" ? kinds.length > 0 : kinds.indexOf(kind) >= 0;
  }

  // A mark counts while one of the translations it is about is shown.
  function visibleMark(mark, hidden) {
    return mark.dataset.docs.split(" ").some(function (d) { return d && !hidden[d]; });
  }

  // The filters on records: severity and review status (none set: null).
  function noteFilter() {
    var severity = severityBox.value;
    var status = statusBox.value;
    if (!severity && !status) { return null; }
    return function (li) {
      if (li.hidden) { return false; }
      if (severity && !(RANK[li.dataset.severity] <= RANK[severity])) { return false; }
      if (status === "undecided") { return !li.dataset.status; }
      return !status || li.dataset.status === status;
    };
  }

  function beadStatus(row, status, hidden) {
    return some(row, ".bead[data-status]", function (b) {
      var cell = b.closest("td");
      return !(cell && hidden[cell.dataset.doc]) && b.dataset.status === status;
    });
  }

  function rowOk(row, f, hidden) {
    if (row.dataset.doc && hidden[row.dataset.doc]) { return false; }
    var ok = !f.kind || f.whole;
    if (!ok) {
      each(row, "td[data-kinds]", function (cell) {
        if (!cell.hidden && matches(f.kind, cell.dataset.kinds.split(" ").filter(Boolean))) {
          ok = true;
        }
      });
    }
    if (ok && f.marked) {
      ok = some(row, "mark.gap[data-docs]", function (m) { return visibleMark(m, hidden); });
    }
    if (ok && f.text) { ok = texts.get(row).indexOf(f.text) >= 0; }
    if (ok && f.score !== null) {
      ok = some(row, "td[data-score]", function (cell) {
        return !cell.hidden && Number(cell.dataset.score) < f.score;
      });
    }
    if (ok && f.notes) {
      ok = some(row, "li.note[data-id]", f.notes) ||
        (f.status && f.status !== "undecided" && beadStatus(row, f.status, hidden));
    }
    return ok;
  }

  function filters() {
    var score = scoreBox.value === "" ? null : Number(scoreBox.value);
    return {kind: select.value, marked: markedOnly.checked,
            text: textBox.value.trim().toLowerCase(), notes: noteFilter(),
            status: statusBox.value, score: isNaN(score) ? null : score};
  }

  function active(f) {
    return Boolean(f.kind || f.marked || f.text || f.notes || f.score !== null);
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
    var f = filters();
    if (f.notes) {  // records of other severities or statuses are hidden too
      each(document, "li.note[data-id]", function (li) {
        if (!li.hidden && !f.notes(li)) { li.hidden = true; }
      });
    }
    var count = 0;
    each(document, "tbody.section", function (section) {
      var wholeKinds = [];
      var headKinds = [];
      var head = section.querySelector("tr.section-head");
      each(head, "li.note", function (li) {
        if (li.hidden) { return; }
        headKinds.push(li.dataset.kind);
        if (WHOLE.indexOf(li.dataset.kind) >= 0) { wholeKinds.push(li.dataset.kind); }
      });
      f.whole = Boolean(f.kind) && matches(f.kind, wholeKinds);
      var any = (!f.kind || matches(f.kind, headKinds)) &&
        (!f.notes || some(head, "li.note[data-id]", f.notes)) &&
        (!f.text || texts.get(head).indexOf(f.text) >= 0) && f.score === null &&
        !f.marked && Boolean(f.kind || f.notes || f.text);
      each(section, "tr.row", function (row) {
        var ok = rowOk(row, f, hidden);
        row.hidden = !ok;
        if (ok) { count += 1; any = true; }
      });
      section.hidden = active(f) && !any;
    });
    each(document, "#other-notes li.note", function (li) {
      li.hidden = Boolean(hidden[li.dataset.doc]) ||
        (Boolean(f.kind) && !matches(f.kind, [li.dataset.kind])) ||
        (f.notes !== null && !f.notes(li)) ||
        (Boolean(f.text) && li.textContent.toLowerCase().indexOf(f.text) < 0);
    });
    each(document, "nav#toc a[href^='#']", function (a) {
      var target = document.getElementById(a.getAttribute("href").slice(1));
      a.classList.toggle("filtered-out", Boolean(target && target.hidden));
    });
    shown.textContent = count + " of " + total + " rows";
  }

  [select, markedOnly, severityBox, statusBox].forEach(function (el) {
    el.addEventListener("change", apply);
  });
  [textBox, scoreBox].forEach(function (el) { el.addEventListener("input", apply); });
  boxes.forEach(function (b) { b.addEventListener("change", apply); });
  // a decision changed: the status filter may now show other rows
  document.addEventListener("review-changed", function () {
    if (statusBox.value) { apply(); }
  });
  apply();
}());
