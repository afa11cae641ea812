// Keeps an upload's import progress current on the admin pages: every
// <progress data-import-status-url="..."> polls its URL (JSON: status, label, done, total,
// message, finished) and shows the answer on itself and in the [data-import-status-text] element
// of the same parent. When an import it watched finishes well, the page reloads to show the
// articles. Loaded as a file with `defer`: no inline scripts (strict Content-Security-Policy).
"use strict";

(() => {
  const INTERVAL_MS = 1500;

  const show = (bar, state) => {
    if (state.total > 0) {
      bar.max = state.total;
      bar.value = state.done;
    } else if (state.status === "queued" || state.status === "running") {
      bar.removeAttribute("value"); // an indeterminate bar until the articles are counted
    }
    bar.textContent = `${state.done}/${state.total}`;
    bar.dataset.importStatus = state.status;
    const text = bar.parentElement && bar.parentElement.querySelector("[data-import-status-text]");
    if (text) {
      const counts = state.total > 0 && !state.finished ? ` (${state.done}/${state.total})` : "";
      text.textContent = state.message ? `${state.label}${counts}: ${state.message}` : `${state.label}${counts}`;
    }
  };

  const watch = (bar) => {
    let watchedUnfinished = false;
    const poll = async () => {
      let state;
      try {
        const response = await fetch(bar.dataset.importStatusUrl, {
          credentials: "same-origin",
          headers: { Accept: "application/json" },
        });
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        state = await response.json();
      } catch (error) {
        window.setTimeout(poll, INTERVAL_MS * 4); // the server restarting: try again, less often
        return;
      }
      show(bar, state);
      if (!state.finished) {
        watchedUnfinished = true;
        window.setTimeout(poll, INTERVAL_MS);
      } else if (watchedUnfinished && state.status === "done") {
        window.location.reload();
      }
    };
    poll();
  };

  document.querySelectorAll("progress[data-import-status-url]").forEach(watch);
})();
