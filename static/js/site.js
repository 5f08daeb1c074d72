// Site behaviour lives in static files so the Content-Security-Policy can stay strict.
// htmx is configured by the <meta name="htmx-config"> tag in base.html.

// A form that comes back with errors: move focus to the error summary so a screen reader
// reads it out and a keyboard user starts from its links (the GOV.UK error summary pattern).
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
  }
});

// A save that lost a race answers 409 with the "two changes at once" screen
// (casework.common.concurrency): swap it in like a success so nobody's words vanish.
document.addEventListener("htmx:beforeSwap", (event) => {
  if (event.detail.xhr.status === 409) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
