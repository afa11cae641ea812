// The editors' review page: ask before a button that changes the volume's articles or status.
// Loaded with `defer`; no inline scripts (strict Content-Security-Policy).
"use strict";

document.addEventListener("submit", (event) => {
  const button = event.submitter;
  const question = button && button.dataset.confirm;
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
