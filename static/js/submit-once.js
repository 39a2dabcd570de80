// Forms with a [data-once] button (initiatives/_form_script.html): a double click sends
// the form once; the server also deduplicates by submission_key.
document.querySelectorAll("form").forEach(function (form) {
  form.addEventListener("submit", function () {
    var button = form.querySelector("[data-once]");
    if (button) { setTimeout(function () { button.disabled = true; }, 0); }
  });
});
