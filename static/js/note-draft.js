// Keeps a session note being written in this browser until it is saved, so a closed
// tab or an expired login does not lose it. Forms opt in with data-draft-key; a page
// that shows a saved note carries data-draft-saved with the same key, which clears it.
// Drafts are removed on sign-out and after a day, because this may be a shared computer.
(function () {
  "use strict";
  var PREFIX = "rp-note-draft:";
  var MAX_AGE_MS = 24 * 60 * 60 * 1000;
  var FIELDS = "textarea, select, input[type=text], input[type=number], input[type=date], input[type=datetime-local], input[type=checkbox]";

  function storage() {
    try { return window.localStorage; } catch (e) { return null; }
  }

  function save(form) {
    var store = storage();
    if (!store) { return; }
    var fields = {};
    form.querySelectorAll(FIELDS).forEach(function (el) {
      if (el.name) { fields[el.name] = el.type === "checkbox" ? el.checked : el.value; }
    });
    try {
      store.setItem(PREFIX + form.dataset.draftKey, JSON.stringify({ savedAt: Date.now(), fields: fields }));
    } catch (e) { /* storage full or blocked: the server-side safety net still applies */ }
  }

  function restore(form) {
    var store = storage();
    var raw = store && store.getItem(PREFIX + form.dataset.draftKey);
    if (!raw) { return; }
    var draft;
    try { draft = JSON.parse(raw); } catch (e) { store.removeItem(PREFIX + form.dataset.draftKey); return; }
    if (!draft || Date.now() - draft.savedAt > MAX_AGE_MS) {
      store.removeItem(PREFIX + form.dataset.draftKey);
      return;
    }
    var hasText = Array.prototype.some.call(form.querySelectorAll("textarea"), function (el) {
      return el.value.trim() !== "";
    });
    if (hasText) { return; }  // never overwrite what the server (or the worker) put there
    form.querySelectorAll(FIELDS).forEach(function (el) {
      if (!el.name || !(el.name in draft.fields)) { return; }
      if (el.type === "checkbox") { el.checked = !!draft.fields[el.name]; } else { el.value = draft.fields[el.name]; }
    });
    var notice = form.querySelector("[data-draft-notice]");
    if (notice) {
      var p = document.createElement("p");
      p.className = "alert alert-info";
      p.setAttribute("role", "status");
      p.textContent = "We brought back the note you were writing in this browser at " +
        new Date(draft.savedAt).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" }) +
        ". Check it and save it.";
      notice.parentNode.insertBefore(p, notice);
    }
  }

  function init(root) {
    var store = storage();
    root.querySelectorAll("[data-draft-saved]").forEach(function (el) {
      if (store) { store.removeItem(PREFIX + el.dataset.draftSaved); }
    });
    root.querySelectorAll("form[data-draft-key]").forEach(function (form) {
      if (form.dataset.draftReady) { return; }
      form.dataset.draftReady = "1";
      restore(form);
      form.addEventListener("input", function () { save(form); });
      form.addEventListener("change", function () { save(form); });
    });
  }

  function clearAll() {
    var store = storage();
    if (!store) { return; }
    for (var i = store.length - 1; i >= 0; i--) {
      var key = store.key(i);
      if (key && key.indexOf(PREFIX) === 0) { store.removeItem(key); }
    }
  }

  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:load", function (event) { init(event.target.parentNode || document); });
  document.addEventListener("submit", function (event) {
    if (event.target.matches("form[data-clears-drafts]")) { clearAll(); }
  });
}());
