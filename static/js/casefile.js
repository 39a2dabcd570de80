/* The broker's case file: focus after an action, and keyboard shortcuts.
   "/" search, "j" next case, "k" previous case, "?" the list of shortcuts (also on the
   page, under "Sneltoetsen"). Never while typing in a field, never with a modifier. */
(function () {
  "use strict";

  // After an action (full page or htmx swap) move focus to what the broker must read:
  // the error summary, else the confirmation. Otherwise focus would be lost in the swap.
  function focusOutcome(root) {
    var target = root.querySelector(".error-summary") || root.querySelector("[data-outcome]") ||
      root.querySelector("#case-flash");
    if (target) { target.focus(); }
  }

  function typing(target) {
    if (!target || !target.tagName) { return false; }
    var tag = target.tagName.toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select" || target.isContentEditable;
  }

  function follow(name) {
    var link = document.querySelector('[data-shortcut="' + name + '"]');
    if (link) { window.location.assign(link.href); }
  }

  function toggleShortcuts() {
    var list = document.getElementById("shortcuts");
    if (!list) { return; }
    list.open = !list.open;
    if (list.open) {
      list.scrollIntoView({block: "nearest"});
      list.querySelector("summary").focus();
    }
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (typing(event.target)) { return; }
    if (event.key === "/") {
      var search = document.getElementById("case-search");
      if (search) { event.preventDefault(); search.focus(); }
    } else if (event.key === "j") {
      follow("next");
    } else if (event.key === "k") {
      follow("previous");
    } else if (event.key === "?") {
      event.preventDefault();
      toggleShortcuts();
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    focusOutcome(document);
    document.body.addEventListener("htmx:afterSwap", function () { focusOutcome(document); });
  });
})();
