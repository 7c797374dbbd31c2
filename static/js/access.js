// The admin's access page: destructive forms ask first (data-confirm), and a
// token or link shown once can be copied with one tap (data-copy="input id").
(function () {
  "use strict";

  document.addEventListener("submit", function (e) {
    var form = e.target.closest("form[data-confirm]");
    if (form && !window.confirm(form.dataset.confirm)) e.preventDefault();
  });

  document.addEventListener("click", function (e) {
    var button = e.target.closest("button[data-copy]");
    if (!button) return;
    var field = document.getElementById(button.dataset.copy);
    field.focus();
    field.select();
    function copied() { button.textContent = button.dataset.copied; }
    // The clipboard API needs https; on the venue's plain http the selection is copied instead.
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(copied, function () {
        if (document.execCommand("copy")) copied();
      });
    } else if (document.execCommand("copy")) {
      copied();
    }
  });
})();
