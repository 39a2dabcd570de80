// The queue: "choose every case on this page" (a header checkbox, shown only with
// JavaScript; without it, brokers tick cases one by one or choose "all in this view").
// Also after htmx swaps in new results. "/" goes to the search field.
(function () {
  "use strict";

  function boxes(root) {
    return Array.prototype.slice.call(root.querySelectorAll("input[data-pick]"));
  }

  function wire(root) {
    var all = root.querySelector("input[data-pick-page]");
    if (!all || all.dataset.wired) { return; }
    all.dataset.wired = "1";
    all.hidden = false;
    all.addEventListener("change", function () {
      boxes(root).forEach(function (box) { box.checked = all.checked; });
    });
    root.addEventListener("change", function (event) {
      if (!event.target.matches("input[data-pick]")) { return; }
      var picks = boxes(root);
      var checked = picks.filter(function (box) { return box.checked; }).length;
      all.checked = checked === picks.length;
      all.indeterminate = checked > 0 && checked < picks.length;
    });
    var matching = root.querySelector("input[data-pick-matching]");
    if (matching) {
      // Choosing every case in the view also ticks this page, so what is chosen shows.
      matching.addEventListener("change", function () {
        if (matching.checked) {
          boxes(root).forEach(function (box) { box.checked = true; });
          all.checked = true;
          all.indeterminate = false;
        }
      });
    }
  }

  function start() {
    var results = document.getElementById("queue-results");
    if (results) { wire(results); }
  }

  // "/" jumps to the search, as on the case file; never while typing in a field and never
  // with a modifier (the hint beside the field says so).
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.defaultPrevented) { return; }
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var target = event.target;
    var tag = target && target.tagName ? target.tagName.toLowerCase() : "";
    if (tag === "input" || tag === "textarea" || tag === "select" || target.isContentEditable) {
      return;
    }
    var search = document.getElementById("id_q");
    if (search) { event.preventDefault(); search.focus(); }
  });

  document.addEventListener("DOMContentLoaded", start);
  document.addEventListener("htmx:afterSwap", start);
})();
