// The check-in tablet at the gate: a QR code from the camera (jsQR) or from a
// handheld scanner that types it and presses Enter, or a name from the search.
// Each scan carries its own scan_id, so a retry never checks anyone in twice.
(function () {
  "use strict";
  var live = KioskLive;
  var $ = function (id) { return document.getElementById(id); };
  var selfService = document.body.classList.contains("self-service");
  var TEXT = {
    vi: { checkIn: "Điểm danh", standIn: "Người dự thay", standInAsk: "Họ tên người dự thay:", at: "đã điểm danh lúc",
          offline: "Không kết nối được máy chủ. Vui lòng thử lại.", noCamera: "Không mở được camera: ",
          present: "Có mặt", none: "Không tìm thấy đại biểu." },
    en: { checkIn: "Check in", standIn: "Stand-in", standInAsk: "Stand-in's full name:", at: "checked in at",
          offline: "Cannot reach the server. Please try again.", noCamera: "Cannot open the camera: ",
          present: "Present", none: "No delegate found." },
  }[live.lang];
  var busy = false, lastCode = "", lastCodeAt = 0, clearTimer = null;

  function device() {
    var input = $("device");
    return input ? input.value.trim() : (localStorage.getItem("kiosk.device") || "Tự phục vụ");
  }
  if ($("device")) {
    $("device").value = localStorage.getItem("kiosk.device") || $("device").value;
    $("device").addEventListener("change", function () { localStorage.setItem("kiosk.device", device()); });
  }

  var audio = null;
  function beep(status) {
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      var tones = { ok: [880, 1320], already_checked_in: [660, 660], invalid: [220, 180], revoked: [220, 180],
                    wrong_event: [220, 180] }[status] || [440];
      tones.forEach(function (freq, i) {
        var osc = audio.createOscillator(), gain = audio.createGain();
        osc.frequency.value = freq;
        osc.type = status === "ok" ? "sine" : "square";
        gain.gain.value = 0.15;
        osc.connect(gain); gain.connect(audio.destination);
        osc.start(audio.currentTime + i * 0.18);
        osc.stop(audio.currentTime + i * 0.18 + 0.15);
      });
    } catch (e) { /* no sound on this device */ }
  }

  function show(answer) {
    var box = $("result");
    box.className = "result status-" + answer.status;
    $("result-message").textContent = answer.message;
    var d = answer.delegate;
    $("result-detail").textContent = d && answer.status === "ok" ? [d.position, d.organization].filter(Boolean).join(", ") : "";
    box.hidden = false;
    beep(answer.status);
    clearTimeout(clearTimer);
    // Back to scanning in about two seconds (a little longer to read a refusal).
    clearTimer = setTimeout(function () { box.hidden = true; focusScanner(); }, answer.status === "ok" ? 2000 : 3500);
    if ($("search") && $("search").value) search($("search").value);
  }

  function submit(body) {
    if (busy) return;
    busy = true;
    body.device = device();
    body.scan_id = KioskScanner.newId();
    live.api("POST", "/checkins", body).then(function (answer) {
      busy = false;
      if (answer.status === 200) show(answer.body);
      else show({ status: "invalid", message: answer.body.message || TEXT.offline });
    }, function () {
      busy = false;
      show({ status: "invalid", message: TEXT.offline });
    });
  }

  function submitCode(code, fromCamera) {
    code = code.trim();
    var now = Date.now();
    if (!code) return;
    // The camera sees the same badge many times a second: once is enough.
    if (fromCamera && code === lastCode && now - lastCodeAt < 4000) return;
    lastCode = code; lastCodeAt = now;
    submit({ code: code });
  }

  // Handheld scanners type the code and press Enter into this field.
  function focusScanner() {
    var active = document.activeElement;
    if (active && (active.id === "search" || active.id === "device" || active.closest("#walk-in-form"))) return;
    $("code").focus();
  }
  $("code-form").addEventListener("submit", function (e) {
    e.preventDefault();
    submitCode($("code").value);
    $("code").value = "";
  });
  focusScanner();

  // The tablet's camera, decoded frame by frame.
  function startCamera() {
    KioskScanner.camera({ video: $("camera"), canvas: $("frame"), hint: $("camera-hint"), noCamera: TEXT.noCamera,
                          onCode: function (code) { submitCode(code, true); } })
      .then(function (started) { if (started) $("camera-start").hidden = true; });
  }
  $("camera-start").addEventListener("click", startCamera);
  if (localStorage.getItem("kiosk.camera") !== "off") startCamera();

  // Search by name, ignoring diacritics (the server folds both sides).
  var searchTimer = null;
  var el = KioskLive.el;
  function search(query) {
    live.api("GET", "/delegates?q=" + encodeURIComponent(query) + "&limit=20").then(function (answer) {
      var list = $("search-results");
      list.replaceChildren();
      var found = answer.body.delegates || [];
      if (!found.length) list.appendChild(el("li", "muted", TEXT.none));
      found.forEach(function (d) {
        var li = el("li", "search-result" + (d.checked_in_at ? " present" : ""));
        var text = el("div", "who");
        text.appendChild(el("strong", "", [d.honorific, d.full_name].filter(Boolean).join(" ")));
        text.appendChild(el("span", "muted", [d.position, d.organization].filter(Boolean).join(", ")));
        if (d.checked_in_at) {
          var at = new Date(d.checked_in_at).toLocaleTimeString("vi-VN", { hour: "2-digit", minute: "2-digit", timeZone: "Asia/Ho_Chi_Minh" });
          text.appendChild(el("span", "present-note", "✓ " + TEXT.at + " " + at + (d.checked_in_device ? " — " + d.checked_in_device : "")));
        }
        li.appendChild(text);
        if (!d.checked_in_at) {
          var go = el("button", "button primary", TEXT.checkIn);
          go.type = "button";
          go.addEventListener("click", function () { submit({ delegate_id: d.id }); });
          var standIn = el("button", "button", TEXT.standIn);
          standIn.type = "button";
          standIn.addEventListener("click", function () {
            var name = window.prompt(TEXT.standInAsk);
            if (name && name.trim()) submit({ delegate_id: d.id, stand_in: name.trim() });
          });
          li.appendChild(go);
          li.appendChild(standIn);
        }
        list.appendChild(li);
      });
    });
  }
  if ($("search")) {
    $("search").addEventListener("input", function (e) {
      clearTimeout(searchTimer);
      var q = e.target.value.trim();
      if (!q) { $("search-results").replaceChildren(); return; }
      searchTimer = setTimeout(function () { search(q); }, 200);
    });
  }

  var walkIn = $("walk-in-form");
  if (walkIn) {
    walkIn.addEventListener("submit", function (e) {
      e.preventDefault();
      live.api("POST", "/walk-ins", { full_name: walkIn.full_name.value, position: walkIn.position.value,
                                      organization: walkIn.organization.value, level: walkIn.level.value,
                                      group: "citizen", honorific: "", device: device() })
        .then(function (answer) {
          if (answer.status === 201) { walkIn.reset(); show(answer.body); }
          else show({ status: "invalid", message: answer.body.message });
        });
    });
  }
})();
