// Recovery plan: let htmx show the answers a form can get back, not only 2xx.
// 400 is a form with a problem to fix; 409 is the "two changes at once" screen.
// Both carry HTML meant to replace the section, so swap them in like a success.
document.addEventListener("htmx:beforeSwap", (event) => {
  const status = event.detail.xhr.status;
  if (status === 400 || status === 409) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
// After a swap, move focus to the section's heading so keyboard and
// screen-reader users land where the change happened. (With outerHTML the
// old target is gone; its replacement carries the same id.)
document.addEventListener("htmx:afterSettle", (event) => {
  const id = event.detail.target && event.detail.target.id;
  const section = id ? document.getElementById(id) : null;
  const heading = section ? section.querySelector("h2") : null;
  if (heading) {
    heading.setAttribute("tabindex", "-1");
    heading.focus();
  }
});
