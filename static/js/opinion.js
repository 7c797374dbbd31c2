// The citizens' opinion form, kept working when the hall's Wi-Fi drops: the
// opinion is sent through the tablet's outbox with a request_id made when
// "Gửi ý kiến" is pressed, so it is kept once even if it is sent again; cut
// off from the server it waits on the tablet, and the sender is told so
// honestly. Without JavaScript the form posts as an ordinary form.
(function () {
  "use strict";
  var outbox = window.KioskOutbox, form = document.getElementById("opinion-form");
  if (!outbox || !form) return;
  var lang = document.documentElement.lang === "en" ? "en" : "vi";
  var TEXT = {
    vi: { thanks: "Trân trọng cảm ơn ông/bà!", thanksName: "Trân trọng cảm ơn ông/bà {name}!", again: "Gửi thêm", label: "Ý kiến", back: "Màn hình sẽ tự quay lại sau ít giây.",
          saved: "Ý kiến đã được lưu trên máy này và sẽ được gửi tới Ban Tổ chức khi có kết nối." },
    en: { thanks: "Thank you!", thanksName: "Thank you, {name}!", again: "Send another", label: "Opinion", back: "This screen goes back in a few seconds.",
          saved: "Your opinion is saved on this tablet and will be sent to the organizers when the connection is back." },
  }[lang];
  var card = form.closest("section");
  var error = document.getElementById("opinion-answer");
  var kiosk = !!form.elements.kiosk;
  var backTimer = null;

  // The thank-you, in place of the form (the shared kiosk tablet goes back by itself).
  var thanks = document.createElement("section");
  thanks.className = "card citizen-card thanks";

  function again() {
    clearTimeout(backTimer);
    if (thanks.parentNode) thanks.replaceWith(card);
    form.elements.text.focus();
  }

  function thank(message, name) {
    form.reset();
    error.hidden = true;
    thanks.replaceChildren();
    var h1 = document.createElement("h1");
    h1.textContent = name ? TEXT.thanksName.replace("{name}", name) : TEXT.thanks;
    var p = document.createElement("p");
    p.textContent = message;  // as text, never run
    var more = document.createElement("button");
    more.type = "button";
    more.className = "button primary big";
    more.textContent = TEXT.again;
    more.addEventListener("click", again);
    thanks.append(h1, p, more);
    if (kiosk) {
      var note = document.createElement("p");
      note.className = "muted";
      note.textContent = TEXT.back;
      thanks.appendChild(note);
      backTimer = setTimeout(again, 8000);
    }
    card.replaceWith(thanks);
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var fields = {};
    ["text", "author_name", "address", "phone", "kiosk"].forEach(function (name) {
      if (form.elements[name]) fields[name] = form.elements[name].value;
    });
    var topic = form.querySelector("input[name=topic]:checked");
    fields.topic = topic ? topic.value : "other";
    fields.request_id = outbox.newId();
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    outbox.send("POST", "/opinions", fields, { label: TEXT.label })
      .then(function (answer) {
        button.disabled = false;
        var name = (fields.author_name || "").trim();
        if (answer.queued || answer.offline) { thank(TEXT.saved, name); return; }
        if (answer.status < 300) { thank(answer.body.message, name); return; }
        error.textContent = answer.body.message;  // kept as typed, to correct and send again
        error.className = "flash error";
        error.hidden = false;
      }, function () { button.disabled = false; });
  });
})();
