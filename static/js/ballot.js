// The ballot page (voting/ballot.html): says how much money is left as plans are
// ticked. The page works without it; the server checks every ballot again.
(function () {
  "use strict";
  var output = document.getElementById("money-left");
  if (!output) { return; }
  var form = output.closest("form");
  var budget = parseInt(output.dataset.budget, 10);
  var lang = document.documentElement.lang || "nl";
  var money = new Intl.NumberFormat(lang === "en" ? "en-GB" : "nl-NL", {
    style: "currency", currency: "EUR", maximumFractionDigits: 0, minimumFractionDigits: 0
  });
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, key) { return values[key]; });
  }
  function update() {
    var boxes = form.querySelectorAll("input[type=checkbox][data-cost]");
    var count = 0, chosen = 0;
    boxes.forEach(function (box) {
      if (box.checked) { count += 1; chosen += parseInt(box.dataset.cost, 10) || 0; }
    });
    var left = budget - chosen;
    var values = {
      count: count, chosen: money.format(chosen),
      left: money.format(Math.max(left, 0)), over: money.format(Math.max(-left, 0))
    };
    var over = left < 0 && output.dataset.knapsack === "1";
    output.textContent = fill(over ? output.dataset.textOver : output.dataset.textLeft, values);
    output.classList.toggle("money-over", over);
  }
  form.addEventListener("change", update);
}());
