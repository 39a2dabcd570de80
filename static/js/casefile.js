/* The broker's case file: focus after an action, keyboard shortcuts, a guard for typed
   but unsaved text, and the standard texts that suit the chosen status.
   "/" search, "j" next case, "k" previous case, "?" the list of shortcuts (a dialog where
   the broker is; "?" again or Esc closes it). Never while typing in a field, never with
   a modifier. */
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

  // --- Typed but unsaved text ---------------------------------------------------------

  // A form being sent is not lost: its fields do not count as unsaved.
  var sending = null;
  // Set when the broker chose to leave anyway: no second question from the browser.
  var leaving = false;

  function changed(field) {
    if (field.disabled || sending && field.form === sending) { return false; }
    var type = (field.type || "").toLowerCase();
    if (type === "hidden" || type === "submit" || type === "button" || type === "file") {
      return false;
    }
    if (type === "checkbox" || type === "radio") { return field.checked !== field.defaultChecked; }
    if (field.tagName.toLowerCase() === "select") {
      // Without a selected option in the markup the browser shows the first one.
      var initial = 0;
      for (var i = 0; i < field.options.length; i++) {
        if (field.options[i].defaultSelected) { initial = i; break; }
      }
      return field.selectedIndex !== initial;
    }
    // A text area in the case file starts empty: text in it is the broker's, also when
    // the server sent it back (after "Tekst invoegen", a preview or an error). One that
    // shows what is saved (data-saved: the public summary) counts only when changed.
    if (field.tagName.toLowerCase() === "textarea" && !field.hasAttribute("data-saved")) {
      return field.value.trim() !== "";
    }
    return field.value !== field.defaultValue;
  }

  function unsavedField() {
    var body = document.getElementById("case-body");
    if (!body) { return null; }
    var fields = body.querySelectorAll("input, textarea, select");
    for (var i = 0; i < fields.length; i++) {
      if (changed(fields[i])) { return fields[i]; }
    }
    return null;
  }

  function fieldName(field) {
    var label = field.id && document.querySelector('label[for="' + field.id + '"]');
    var text = label ? label.textContent : (field.getAttribute("aria-label") || field.name);
    return text.replace(/\s+/g, " ").trim();
  }

  var notice = null;  // {key, until}: the note shown after a refused shortcut

  function warn(key, field) {
    var box = document.getElementById("unsaved-note");
    if (!box) { return; }
    var words = box.getAttribute("data-template").replace("{field}", fieldName(field))
      .replace(/\{key\}/g, key);
    box.textContent = words;
    box.hidden = false;
    notice = {key: key, until: Date.now() + 15000};
  }

  function follow(name, key) {
    var link = document.querySelector('[data-shortcut="' + name + '"]');
    if (!link) { return; }
    var field = unsavedField();
    var again = notice && notice.key === key && Date.now() < notice.until;
    if (field && !again) {
      warn(key, field);  // refused once, with a note; the same key again goes anyway
      return;
    }
    leaving = true;
    window.location.assign(link.href);
  }

  document.addEventListener("submit", function (event) { sending = event.target; }, true);
  document.addEventListener("htmx:afterRequest", function () { sending = null; });

  window.addEventListener("beforeunload", function (event) {
    if (leaving || !unsavedField()) { return; }
    event.preventDefault();
    event.returnValue = "";  // older browsers ask only with a return value
  });

  // --- The list of shortcuts ----------------------------------------------------------

  var returnFocus = null;

  function toggleShortcuts() {
    var dialog = document.getElementById("shortcuts");
    if (!dialog || typeof dialog.showModal !== "function") { return; }
    if (dialog.open) { dialog.close(); return; }
    returnFocus = document.activeElement;
    dialog.showModal();  // in the middle of the screen, wherever the broker is
  }

  function shortcutsReady() {
    var dialog = document.getElementById("shortcuts");
    if (!dialog) { return; }
    dialog.addEventListener("close", function () {
      // Back where the broker was, without scrolling the page.
      if (returnFocus && returnFocus !== document.body && document.contains(returnFocus)) {
        returnFocus.focus({preventScroll: true});
      }
      returnFocus = null;
    });
    document.querySelectorAll("[data-shortcuts-close]").forEach(function (button) {
      button.addEventListener("click", function () { dialog.close(); });
    });
    document.querySelectorAll("[data-shortcuts-open]").forEach(function (button) {
      button.hidden = false;  // useful only with this script
      button.addEventListener("click", toggleShortcuts);
    });
  }

  // --- Standard texts that suit the chosen status -------------------------------------

  // Each option says which statuses it suits (data-statuses); the server checks it too.
  function filterTexts(statusSelect) {
    var form = statusSelect.form;
    var texts = form && form.querySelector("select[name$='standard_text']");
    if (!texts) { return; }
    var chosen = statusSelect.value;
    Array.prototype.forEach.call(texts.options, function (option) {
      var statuses = option.getAttribute("data-statuses");
      if (statuses === null) { return; }  // "Geen: zelf schrijven"
      var fits = !chosen || statuses.split(" ").indexOf(chosen) !== -1;
      option.hidden = !fits;
      option.disabled = !fits;
      if (!fits && option.selected) { texts.value = ""; }
    });
  }

  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("[data-text-status]")) {
      filterTexts(event.target);
    }
  });

  function filterAll(root) {
    root.querySelectorAll("[data-text-status]").forEach(filterTexts);
  }

  // --- Keys ---------------------------------------------------------------------------

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (typing(event.target)) { return; }
    if (event.key === "/") {
      var search = document.getElementById("case-search");
      if (search) {
        event.preventDefault();
        var dialog = document.getElementById("shortcuts");
        if (dialog && dialog.open) { dialog.close(); }
        search.focus();
      }
    } else if (event.key === "j") {
      follow("next", "j");
    } else if (event.key === "k") {
      follow("previous", "k");
    } else if (event.key === "?") {
      event.preventDefault();
      toggleShortcuts();
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    focusOutcome(document);
    shortcutsReady();
    filterAll(document);
    document.body.addEventListener("htmx:afterSwap", function () {
      focusOutcome(document);
      filterAll(document);
      var box = document.getElementById("unsaved-note");
      if (box && !unsavedField()) { box.hidden = true; notice = null; }
    });
  });
})();
