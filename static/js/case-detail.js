// The broker's case file (brokers/case_detail.html). After an action (full page or htmx
// swap) move focus to what the broker must read: the error summary, else the
// confirmation. Otherwise focus would be lost in the swap.
(function () {
  function focusOutcome(root) {
    var target = root.querySelector(".error-summary") || root.querySelector("[data-outcome]") ||
      root.querySelector("#case-flash");
    if (target) { target.focus(); }
  }
  document.addEventListener("DOMContentLoaded", function () { focusOutcome(document); });
  document.addEventListener("htmx:afterSwap", function () { focusOutcome(document); });
})();
