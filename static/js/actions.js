// Forms and buttons that call /api/v1 and reload the page on success, without
// page-specific code:
//   <form data-api="POST /award-decisions">   fields become the JSON body
//     (type=number → number, type=checkbox → true/false, data-json → parsed)
//   <button data-api="POST /awards/7/undo" data-body='{"x": 1}' data-confirm="…" data-prompt="reason">
// Errors are shown in the nearest .api-error (or an alert).
(function () {
  "use strict";
  var live = KioskLive;

  var OFFLINE = { vi: "Không kết nối được máy chủ. Thao tác chưa được lưu, vui lòng thử lại khi có mạng.",
                  en: "Cannot reach the server. Nothing was saved: please try again when the connection is back." }[live.lang];

  // Organizers' edits are not queued while the server is out of reach (unlike the
  // desks' actions): they are refused at once, and said so.
  function call(spec, body, origin) {
    var parts = spec.split(" ");
    var box = origin.closest("section, dialog, form, body").querySelector(".api-error");
    function refuse(message) {
      if (box) { box.textContent = message; box.hidden = false; } else window.alert(message);
    }
    return live.api(parts[0], parts[1], body).then(function (answer) {
      if (answer.status >= 400) { refuse(answer.body.message); return; }
      window.location.reload();
    }, function () { refuse(OFFLINE); });
  }

  function fieldValue(field) {
    if (field.type === "checkbox") return field.checked;
    if (field.value === "") return field.dataset.empty === "null" ? null : "";
    if (field.type === "number") return Number(field.value);
    if (field.dataset.json !== undefined) return JSON.parse(field.value);
    return field.value;
  }

  document.addEventListener("submit", function (e) {
    var form = e.target.closest("form[data-api]");
    if (!form) return;
    e.preventDefault();
    var body = {};
    Array.prototype.forEach.call(form.elements, function (field) {
      if (field.name && field.name !== "csrf_token") body[field.name] = fieldValue(field);
    });
    call(form.dataset.api, body, form);
  });

  document.addEventListener("click", function (e) {
    var button = e.target.closest("button[data-api]");
    if (!button) return;
    e.preventDefault();
    if (button.dataset.confirm && !window.confirm(button.dataset.confirm)) return;
    var body = button.dataset.body ? JSON.parse(button.dataset.body) : {};
    if (button.dataset.prompt) {
      var answer = window.prompt(button.dataset.promptText || "");
      if (!answer || !answer.trim()) return;
      body[button.dataset.prompt] = answer.trim();
    }
    call(button.dataset.api, body, button);
  });
})();
