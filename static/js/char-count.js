// A live character count for long text fields (those with data-limit, set by
// casework.common.rendering instead of a maxlength that cuts pasted text silently).
// Progressive: without JavaScript there is no count, and the server still refuses
// over-long text with a field error and gives all of it back in the form.
(function () {
  "use strict";

  // Count as the server does: code points, with each line break sent as \r\n.
  function length(value) {
    return Array.from(value.replace(/\r?\n/g, "\r\n")).length;
  }

  function number(n) {
    return n.toLocaleString("en-GB");
  }

  function setUp(field) {
    if (field.dataset.countReady) { return; }
    field.dataset.countReady = "1";
    var limit = parseInt(field.dataset.limit, 10);
    var count = document.createElement("p");
    count.className = "form-text char-count mb-0";
    count.id = field.id + "-count";
    // Only the over-limit message is announced, not every keystroke.
    var warning = document.createElement("p");
    warning.className = "char-count-warning text-danger fw-bold mb-0";
    warning.id = field.id + "-too-long";
    warning.setAttribute("role", "status");
    field.insertAdjacentElement("afterend", warning);
    field.insertAdjacentElement("afterend", count);
    var described = field.getAttribute("aria-describedby");
    field.setAttribute("aria-describedby", (described ? described + " " : "") + count.id + " " + warning.id);

    function update() {
      var n = length(field.value);
      count.textContent = number(n) + " of " + number(limit) + " characters";
      var over = n > limit;
      var message = over
        ? "This is " + number(n - limit) + " characters too long. Nothing has been cut: please shorten it before saving."
        : "";
      if (warning.textContent !== message) { warning.textContent = message; }
      field.classList.toggle("is-over-limit", over);
    }

    field.addEventListener("input", update);
    update();
  }

  function scan(root) {
    if (root.matches && root.matches("[data-limit]")) { setUp(root); }
    if (root.querySelectorAll) { root.querySelectorAll("[data-limit]").forEach(setUp); }
  }

  document.addEventListener("DOMContentLoaded", function () { scan(document); });
  // Forms swapped in by htmx (a note form after saving, story forms) get counts too.
  document.addEventListener("htmx:load", function (event) { scan(event.detail.elt); });
})();
