(function () {
  "use strict";
  var table = document.getElementById("review");
  var total = Number(table.dataset.rows);
  var select = document.getElementById("kind-filter");
  var boxes = Array.prototype.slice.call(document.querySelectorAll("#filters input[data-doc]"));
  var shown = document.getElementById("shown");

  function kindsOf(el) {
    return (el.dataset.kinds || "").split(" ").filter(Boolean);
  }

  function apply() {
    var hidden = {};
    boxes.forEach(function (b) { if (!b.checked) { hidden[b.dataset.doc] = true; } });
    document.querySelectorAll("th[data-doc], td[data-doc]").forEach(function (el) {
      el.hidden = Boolean(hidden[el.dataset.doc]);
    });
    var kind = select.value;
    var count = 0;
    document.querySelectorAll("tbody.section").forEach(function (section) {
      var any = false;
      // a record about the whole section (a missing article) shows all of it
      var whole = Boolean(kind) && kindsOf({dataset: {kinds: section.dataset.notes}}).some(
        function (pair) {
          var cut = pair.lastIndexOf(":");
          var k = pair.slice(cut + 1);
          return !hidden[pair.slice(0, cut)] && (kind === "*" || k === kind);
        });
      section.querySelectorAll("tr.row").forEach(function (row) {
        var ok = !kind || whole;
        if (kind && !whole) {
          row.querySelectorAll("td[data-kinds]").forEach(function (cell) {
            if (cell.hidden) { return; }
            var ks = kindsOf(cell);
            if (kind === "*" ? ks.length > 0 : ks.indexOf(kind) >= 0) { ok = true; }
          });
        }
        row.hidden = !ok;
        if (ok) { count += 1; any = true; }
      });
      section.hidden = Boolean(kind) && !any;
    });
    shown.textContent = count + " of " + total + " rows";
  }

  select.addEventListener("change", apply);
  boxes.forEach(function (b) { b.addEventListener("change", apply); });
  apply();
}());
