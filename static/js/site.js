// Every page (templates/base.html, deferred: runs once the page is parsed). A page with
// an error summary (forms/_error_summary.html) starts there, so screen reader and
// keyboard users hear what went wrong first.
(function () {
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
})();
