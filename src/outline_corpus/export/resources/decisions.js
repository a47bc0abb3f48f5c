(function () {
  "use strict";
  // A reviewer's decisions on records (li.note[data-id]) and beads (.bead[data-bead]):
  // kept in this browser's storage, merged with those stored in the database when the
  // page was written (the newer wins), exported as a review file for
  // `outline-corpus review import`.
  var LABELS = {"": "\u2014", confirmed: "confirmed", not_a_divergence: "not a divergence",
                fixed: "fixed"};
  var data = JSON.parse(document.getElementById("review-data").textContent);
  var storeKey = "outline-corpus-review:" + data.original;
  var nameKey = "outline-corpus-reviewer";
  var state = Object.create(null);  // key -> review-file entry
  var reviewer = document.getElementById("reviewer");
  var decided = document.getElementById("decided");
  var atRecord = document.getElementById("at-record");
  var current = null;

  function each(selector, fn) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), fn);
  }

  function keyOf(e) {
    return e.target === "record" ? "record:" + e.id :
      "bead:" + JSON.stringify([e.doc, e.source_ids, e.target_ids]);
  }

  function valid(e) {
    return e && (e.target === "record" ? typeof e.id === "string" :
      e.target === "bead" && Array.isArray(e.source_ids) && Array.isArray(e.target_ids)) &&
      typeof e.doc === "string" && typeof e.digest === "string" &&
      typeof e.updated === "string" && Object.prototype.hasOwnProperty.call(LABELS, e.status || "");
  }

  function merge(entries) {
    var n = 0;
    entries.filter(valid).forEach(function (e) {
      var k = keyOf(e);
      if (!state[k] || e.updated > state[k].updated) { state[k] = e; n += 1; }
    });
    return n;
  }

  function save() {
    try {
      localStorage.setItem(storeKey, JSON.stringify(Object.keys(state).sort().map(
        function (k) { return state[k]; })));
    } catch (err) {
      decided.textContent = "This browser keeps no decisions: export them before leaving.";
    }
  }

  // The entry a control stands for, without a decision yet.
  function base(el) {
    if (el.dataset.id) {
      return {target: "record", doc: el.dataset.doc, id: el.dataset.id, digest: el.dataset.digest};
    }
    var bead = data.beads[el.dataset.bead];
    var parts = JSON.parse(bead[0]);
    return {target: "bead", doc: parts[0], source_ids: parts[1], target_ids: parts[2],
            digest: bead[1]};
  }

  // The decision on el, if one was made on the texts shown.
  function decisionOf(el) {
    var b = base(el);
    var d = state[keyOf(b)];
    return d && d.digest === b.digest ? d : null;
  }

  function show(el) {
    var d = decisionOf(el);
    var box = el.decisionBox;
    box.select.value = d ? d.status || "" : "";
    box.comment.value = d ? d.comment || "" : "";
    box.comment.hidden = !box.comment.value && !box.open;
    if (d && d.status) { el.dataset.status = d.status; } else { delete el.dataset.status; }
    box.classList.toggle("made", Boolean(d && (d.status || d.comment)));
    if (!el.dataset.id) { box.hidden = !box.open && !(d && (d.status || d.comment)); }
  }

  function decide(el) {
    var e = base(el);
    e.status = el.decisionBox.select.value;
    e.comment = el.decisionBox.comment.value.trim();
    e.reviewer = reviewer.value.trim();
    e.updated = new Date().toISOString();
    state[keyOf(e)] = e;
    save();
    show(el);
    count();
    document.dispatchEvent(new Event("review-changed"));
  }

  function control(el, title) {
    var box = document.createElement("span");
    box.className = "decision";
    var select = document.createElement("select");
    select.title = title;
    select.setAttribute("aria-label", title);
    Object.keys(LABELS).forEach(function (v) {
      var o = document.createElement("option");
      o.value = v;
      o.textContent = LABELS[v];
      select.appendChild(o);
    });
    var toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "comment-toggle";
    toggle.textContent = "comment";
    var comment = document.createElement("textarea");
    comment.rows = 2;
    comment.setAttribute("aria-label", "comment on " + title);
    box.select = select;
    box.comment = comment;
    box.append(select, " ", toggle, comment);
    select.addEventListener("change", function () { decide(el); });
    comment.addEventListener("change", function () { decide(el); });
    toggle.addEventListener("click", function () {
      box.open = true;
      comment.hidden = false;
      comment.focus();
    });
    el.decisionBox = box;
    return box;
  }

  function records() {
    return Array.prototype.slice.call(document.querySelectorAll("li.note[data-id]"));
  }

  function count() {
    var all = records();
    var done = all.filter(function (li) { return Boolean(li.dataset.status); }).length;
    decided.textContent = done + " of " + all.length + " records decided";
  }

  function showAll() {
    records().forEach(show);
    each(".bead[data-bead]", show);
    count();
  }

  function build() {
    records().forEach(function (li) {
      li.tabIndex = -1;
      li.appendChild(control(li, "review of record " + li.dataset.id));
    });
    each(".bead[data-bead]", function (b) {
      b.tabIndex = 0;
      b.setAttribute("role", "button");
      b.title = "review this bead (" + b.dataset.bead + ")";
      var box = control(b, "review of bead " + b.dataset.bead);
      box.classList.add("of-bead");
      b.after(box);
      function open() { box.open = true; box.hidden = false; box.select.focus(); }
      b.addEventListener("click", open);
      b.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); open(); }
      });
    });
  }

  // Next and previous record among those shown (j/n, k/p).
  function step(by) {
    var shown = records().filter(function (li) { return li.offsetParent !== null; });
    if (!shown.length) { atRecord.textContent = "no record shown"; return; }
    var at = shown.indexOf(current);
    var next = at < 0 ? (by > 0 ? 0 : shown.length - 1) :
      Math.min(Math.max(at + by, 0), shown.length - 1);
    if (current) { current.classList.remove("current"); }
    current = shown[next];
    current.classList.add("current");
    current.focus({preventScroll: true});
    current.scrollIntoView({block: "center"});
    atRecord.textContent = "record " + (next + 1) + " of " + shown.length;
  }

  function download() {
    var file = {format: "outline-corpus-review", version: 1, original: data.original,
                decisions: Object.keys(state).sort().map(function (k) { return state[k]; })};
    var blob = new Blob([JSON.stringify(file, null, 1) + "\n"], {type: "application/json"});
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = data.original + ".decisions.json";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
  }

  function upload(input) {
    var f = input.files && input.files[0];
    if (!f) { return; }
    f.text().then(function (text) {
      var file = JSON.parse(text);
      if (!file || file.format !== "outline-corpus-review" || !Array.isArray(file.decisions)) {
        throw new Error("not a review file");
      }
      var n = merge(file.decisions);
      save();
      showAll();
      document.dispatchEvent(new Event("review-changed"));
      atRecord.textContent = f.name + ": " + n + " decisions newer than these";
    }).catch(function (err) {
      atRecord.textContent = f.name + ": " + err.message;
    });
    input.value = "";
  }

  merge(data.decisions);
  try { merge(JSON.parse(localStorage.getItem(storeKey) || "[]")); } catch (err) { /* none */ }
  try { reviewer.value = localStorage.getItem(nameKey) || ""; } catch (err) { /* none */ }
  reviewer.addEventListener("change", function () {
    try { localStorage.setItem(nameKey, reviewer.value.trim()); } catch (err) { /* none */ }
  });
  build();
  showAll();
  document.getElementById("next-record").addEventListener("click", function () { step(1); });
  document.getElementById("prev-record").addEventListener("click", function () { step(-1); });
  document.getElementById("export-decisions").addEventListener("click", download);
  document.getElementById("load-decisions").addEventListener("change", function (ev) {
    upload(ev.target);
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || /^(INPUT|TEXTAREA|SELECT)$/.test(ev.target.tagName)) {
      return;
    }
    if (ev.key === "j" || ev.key === "n") { step(1); } else if (ev.key === "k" || ev.key === "p") { step(-1); }
  });
  document.dispatchEvent(new Event("review-changed"));
}());
