// Character counters on long text fields (templates/forms/_field.html renders the
// counter's text for a page without JavaScript: "Hoogstens N tekens."). Nothing is cut
// off: past the limit the counter says how many characters too many, and the server
// answers with its own message. The visible count changes at once; screen readers hear
// it through a polite live region, only after a pause in typing.
(function () {
  "use strict";
  var PAUSE_MS = 1000;
  function message(counter, remaining) {
    var key = remaining >= 0 ? (remaining === 1 ? "left-one" : "left") : (remaining === -1 ? "over-one" : "over");
    return counter.getAttribute("data-" + key).replace("%n", String(Math.abs(remaining)));
  }
  function setUp(field) {
    if (field.hasAttribute("data-counting")) { return; }  // already counted (see below)
    var limit = parseInt(field.getAttribute("data-maxlength"), 10);
    var counter = document.getElementById(field.id + "-count");
    var live = document.getElementById(field.id + "-count-live");
    if (!limit || !counter || !live) { return; }
    var timer = null;
    function update(announce) {
      var remaining = limit - field.value.length;
      var text = message(counter, remaining);
      counter.textContent = text;
      counter.classList.toggle("count-over", remaining < 0);
      if (announce) {
        clearTimeout(timer);
        timer = setTimeout(function () { live.textContent = text; }, PAUSE_MS);
      }
    }
    field.setAttribute("data-counting", "");
    field.addEventListener("input", function () { update(true); });
    update(false);
  }
  function setUpAll() { document.querySelectorAll("[data-maxlength][data-counter]").forEach(setUp); }
  setUpAll();
  // Forms an htmx swap brought in (the case file's actions, a preview, an error) count too:
  // without this their counters kept the page-without-JavaScript text and never changed.
  document.addEventListener("htmx:afterSettle", setUpAll);
})();
