// The Copy buttons of the Cite box and the citation list: shown only when the clipboard API is
// there, so without JavaScript the reader selects the text by hand.
(function () {
  "use strict";
  if (!navigator.clipboard || !window.isSecureContext) {
    return;
  }
  document.querySelectorAll("button[data-copy-target]").forEach(function (button) {
    var target = document.getElementById(button.dataset.copyTarget);
    var status = button.parentElement.querySelector(".cite-copy__status");
    if (!target) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(target.textContent.trim()).then(
        function () {
          if (status) status.textContent = button.dataset.copied;
        },
        function () {
          if (status) status.textContent = button.dataset.failed;
        }
      );
    });
  });
})();
