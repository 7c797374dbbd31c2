// The check-in tablet at the gate: a QR code from the camera (jsQR) or from a
// handheld scanner that types it and presses Enter, or a name from the search.
// Each scan carries its own scan_id, made at the scan, so a retry never checks
// anyone in twice.
//
// When the server is out of reach the gate goes on: the delegate list kept on
// the tablet (IndexedDB) answers the search and names the scanned badge, the
// badge's signature is verified here with the event's public key (a forged code
// is refused at once), and the check-in waits in the outbox until the server is
// back ("Đã lưu, sẽ gửi khi có mạng"), never shown as done before it is.
(function () {
  "use strict";
  var live = KioskLive, outbox = window.KioskOutbox, codes = window.KioskCodes;
  var $ = function (id) { return document.getElementById(id); };
  var selfService = document.body.classList.contains("self-service");
  var TEXT = {
    vi: { checkIn: "Điểm danh", standIn: "Người dự thay", standInAsk: "Họ tên người dự thay:", at: "đã điểm danh lúc",
          offline: "Không kết nối được máy chủ. Vui lòng thử lại.", noCamera: "Không mở được camera: ",
          present: "Có mặt", none: "Không tìm thấy đại biểu.", welcome: "Kính chào", seat: "ghế",
          saved: "Đã lưu, sẽ gửi khi có mạng.", verified: "Đã xác minh chữ ký (ngoại tuyến).",
          unverified: "Chưa xác minh: mã sẽ được kiểm tra khi có mạng.", unknown: "Mã hợp lệ (đã xác minh chữ ký) — chưa có tên trên máy này.",
          invalid: "Mã không hợp lệ. Đề nghị kiểm tra giấy mời hoặc tra cứu theo tên.",
          wrongEvent: "Mã không thuộc sự kiện này. Đề nghị kiểm tra giấy mời hoặc tra cứu theo tên.",
          revoked: "Mã này đã bị thu hồi (thẻ đã được cấp lại). Đề nghị dùng thẻ mới hoặc tra cứu theo tên.",
          waiting: "đang chờ gửi", checkInLabel: "Điểm danh", walkInLabel: "Khách không có giấy mời",
          offlineList: "Danh sách trên máy (mất kết nối)" },
    en: { checkIn: "Check in", standIn: "Stand-in", standInAsk: "Stand-in's full name:", at: "checked in at",
          offline: "Cannot reach the server. Please try again.", noCamera: "Cannot open the camera: ",
          present: "Present", none: "No delegate found.", welcome: "Welcome", seat: "seat",
          saved: "Saved, will be sent when the connection is back.", verified: "Signature verified (offline).",
          unverified: "Not verified: the code will be checked when the connection is back.",
          unknown: "Valid code (signature verified) — name not on this tablet yet.",
          invalid: "Invalid code. Please check the invitation or search by name.",
          wrongEvent: "This code is not for this event. Please check the invitation or search by name.",
          revoked: "This code was revoked (the badge was reissued). Please use the new badge or search by name.",
          waiting: "waiting to be sent", checkInLabel: "Check-in", walkInLabel: "Walk-in guest",
          offlineList: "List on this tablet (offline)" },
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

  // ---------------------------------------------------------------- the list kept on the tablet

  var keyEl = $("code-key");
  var roster = { key: keyEl ? JSON.parse(keyEl.textContent) : null, delegates: [], byBadge: {}, byId: {} };

  function useRoster(data) {
    if (!data) return;
    roster.delegates = data.delegates || [];
    roster.key = data.key || roster.key;
    roster.byBadge = {};
    roster.byId = {};
    roster.delegates.forEach(function (d) { roster.byBadge[d.badge_id] = d; roster.byId[d.id] = d; });
  }

  var saveTimer = null;
  function keepRoster() {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(function () {
      if (outbox) outbox.saveSnapshot("delegates", { delegates: roster.delegates, key: roster.key });
    }, 500);
  }

  function refreshRoster() {
    return live.api("GET", "/offline/delegates").then(function (answer) {
      if (answer.status !== 200) return;
      useRoster(answer.body);
      keepRoster();
    }, function () { /* out of reach: the kept list stays */ });
  }

  if (outbox) {
    outbox.snapshot("delegates").then(function (data) { if (!roster.delegates.length) useRoster(data); })
      .then(refreshRoster);
    setInterval(function () { if (outbox.connected()) refreshRoster(); }, 120000);
    if (live.socket) live.socket.on("connect", refreshRoster);
    // Every answer, now or after reconnecting, updates the kept list.
    outbox.onAnswer(function (item, answer) {
      var d = answer.body && answer.body.delegate;
      if (!d || !roster.byId[d.id]) return;
      Object.assign(roster.byId[d.id], { checked_in_at: d.checked_in_at, checked_in_device: d.checked_in_device,
                                          stand_in_name: d.stand_in_name });
      keepRoster();
    });
    outbox.onChange(function () { if ($("search") && $("search").value.trim()) search($("search").value.trim()); });
  }

  // Delegates with a check-in waiting in the outbox: id → the queued action.
  function pendingIds() {
    var ids = {};
    (outbox ? outbox.pending() : []).forEach(function (item) {
      if (item.path !== "/checkins") return;
      if (item.body.delegate_id) ids[item.body.delegate_id] = item;
      var parsed = item.body.code && codes ? codes.parse(item.body.code, "NHK1") : null;
      var d = parsed && roster.byBadge[parsed.id];
      if (d) ids[d.id] = item;
    });
    return ids;
  }

  function nameOf(d) { return [d.honorific, d.full_name].filter(Boolean).join(" "); }
  function timeOf(iso) {
    return new Date(iso).toLocaleTimeString("vi-VN", { hour: "2-digit", minute: "2-digit", timeZone: "Asia/Ho_Chi_Minh" });
  }

  // ---------------------------------------------------------------- answers

  var audio = null;
  function beep(status) {
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      var tones = { ok: [880, 1320], queued: [880, 1320], already_checked_in: [660, 660], invalid: [220, 180],
                    revoked: [220, 180], wrong_event: [220, 180] }[status] || [440];
      tones.forEach(function (freq, i) {
        var osc = audio.createOscillator(), gain = audio.createGain();
        osc.frequency.value = freq;
        osc.type = status === "ok" || status === "queued" ? "sine" : "square";
        gain.gain.value = 0.15;
        osc.connect(gain); gain.connect(audio.destination);
        osc.start(audio.currentTime + i * 0.18);
        osc.stop(audio.currentTime + i * 0.18 + 0.15);
      });
    } catch (e) { /* no sound on this device */ }
  }

  // Position and organization as one phrase (the server composes `office`;
  // a list cached before it did falls back to both, comma-separated).
  function officeOf(d) {
    return d.office || [d.position, d.organization].filter(Boolean).join(", ");
  }

  function show(answer) {
    var box = $("result");
    box.className = "result status-" + answer.status;
    $("result-message").textContent = answer.message;
    var d = answer.delegate;
    $("result-detail").textContent = answer.detail !== undefined ? answer.detail
      : d && answer.status === "ok" ? officeOf(d) : "";
    box.hidden = false;
    beep(answer.status);
    clearTimeout(clearTimer);
    // Back to scanning in about two seconds (a little longer to read a refusal or an offline note).
    clearTimer = setTimeout(function () { box.hidden = true; focusScanner(); }, answer.status === "ok" ? 2000 : 3500);
    if ($("search") && $("search").value) search($("search").value);
  }

  function welcome(d) {
    var name = nameOf(d);
    if (d.stand_in_name) name = d.stand_in_name + " (dự thay " + name + ")";
    return TEXT.welcome + " " + name + (d.seat ? " — " + TEXT.seat + " " + d.seat : "");
  }

  // What the gate says while the check-in waits in the outbox: honest, not a success.
  function queuedAnswer(local) {
    var d = local.delegate;
    var lines = [];
    if (local.verdict === "ok") lines.push(TEXT.verified);
    if (local.verdict === "unverified") lines.push(TEXT.unverified);
    lines.push(TEXT.saved);
    return { status: "queued", delegate: d,
             message: d ? welcome(d) : local.verdict === "ok" ? TEXT.unknown : TEXT.unverified,
             detail: lines.join(" ") };
  }

  function label(local, body) {
    var d = local.delegate || roster.byId[body.delegate_id];
    return TEXT.checkInLabel + (d ? ": " + nameOf(d) : "") + (body.device ? " — " + body.device : "");
  }

  function submit(body, local) {
    if (busy) return;
    busy = true;
    body.device = device();
    body.scan_id = KioskScanner.newId();
    live.send("POST", "/checkins", body, { label: label(local, body) }).then(function (answer) {
      busy = false;
      if (answer.queued || answer.offline) show(queuedAnswer(local));
      else if (answer.status === 200) show(answer.body);
      else show({ status: "invalid", message: answer.body.message || TEXT.offline });
    }, function () {
      busy = false;
      show({ status: "invalid", message: TEXT.offline });
    });
  }

  // What the tablet itself can tell of a code: {verdict, delegate}.
  function checkLocally(code) {
    if (!codes) return Promise.resolve({ verdict: "unverified", delegate: null });
    return codes.check(code, "NHK1", roster.key).then(function (result) {
      var d = result.parsed ? roster.byBadge[result.parsed.id] || null : null;
      if (result.verdict === "ok" && d && result.parsed.version < d.code_version) {
        return { verdict: "revoked", delegate: null };
      }
      return { verdict: result.verdict, delegate: d };
    });
  }

  var REFUSALS = { invalid: TEXT.invalid, wrong_event: TEXT.wrongEvent, revoked: TEXT.revoked };

  function alreadyHere(d) {
    if (!d) return null;
    var queued = pendingIds()[d.id];
    if (queued) return d.full_name + " " + TEXT.at + " " + timeOf(queued.made_at) + " (" + TEXT.waiting + ").";
    if (d.checked_in_at) {
      return d.full_name + " " + TEXT.at + " " + timeOf(d.checked_in_at) +
        (d.checked_in_device ? " tại " + d.checked_in_device : "") + ".";
    }
    return null;
  }

  function submitCode(code, fromCamera) {
    code = code.trim();
    var now = Date.now();
    if (!code) return;
    // The camera sees the same badge many times a second: once is enough.
    if (fromCamera && code === lastCode && now - lastCodeAt < 4000) return;
    lastCode = code; lastCodeAt = now;
    checkLocally(code).then(function (local) {
      var connected = !outbox || outbox.connected();
      if (REFUSALS[local.verdict]) {
        var refusal = { status: local.verdict, message: REFUSALS[local.verdict] };
        // Known bad: the server says it better (another event's name) when it is there; never queued.
        if (!connected) { show(refusal); return; }
        live.send("POST", "/checkins", { code: code, device: device(), scan_id: KioskScanner.newId() }, { queue: false })
          .then(function (answer) { show(answer.status === 200 ? answer.body : refusal); }, function () { show(refusal); });
        return;
      }
      var already = !connected && alreadyHere(local.delegate);
      if (already) { show({ status: "already_checked_in", message: already }); return; }
      submit({ code: code }, local);
    });
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

  // ---------------------------------------------------------------- search

  // By name, ignoring diacritics (the server folds both sides); the kept list when cut off.
  var searchTimer = null;
  var el = KioskLive.el;
  function showFound(found, fromTablet) {
    var list = $("search-results");
    list.replaceChildren();
    if (fromTablet) list.appendChild(el("li", "muted offline-note", TEXT.offlineList));
    if (!found.length) list.appendChild(el("li", "muted", TEXT.none));
    var waiting = pendingIds();
    found.forEach(function (d) {
      var pending = waiting[d.id];
      var li = el("li", "search-result" + (d.checked_in_at ? " present" : "") + (pending ? " pending" : ""));
      var text = el("div", "who");
      text.appendChild(el("strong", "", nameOf(d)));
      text.appendChild(el("span", "muted", officeOf(d)));
      if (d.checked_in_at) {
        text.appendChild(el("span", "present-note", "✓ " + TEXT.at + " " + timeOf(d.checked_in_at) +
                                                     (d.checked_in_device ? " — " + d.checked_in_device : "")));
      } else if (pending) {
        text.appendChild(el("span", "pending-note", TEXT.checkInLabel + " — " + TEXT.waiting));
      }
      li.appendChild(text);
      if (!d.checked_in_at && !pending) {
        var go = el("button", "button primary", TEXT.checkIn);
        go.type = "button";
        go.addEventListener("click", function () { submit({ delegate_id: d.id }, { verdict: "chosen", delegate: d }); });
        var standIn = el("button", "button", TEXT.standIn);
        standIn.type = "button";
        standIn.addEventListener("click", function () {
          var name = window.prompt(TEXT.standInAsk);
          if (name && name.trim()) {
            var stand = Object.assign({}, d, { stand_in_name: name.trim() });
            submit({ delegate_id: d.id, stand_in: name.trim() }, { verdict: "chosen", delegate: stand });
          }
        });
        li.appendChild(go);
        li.appendChild(standIn);
      }
      list.appendChild(li);
    });
  }

  function searchHere(query) {
    showFound(codes ? codes.search(roster.delegates, query, 20) : [], true);
  }

  // A server that does not answer within a moment is as good as unreachable for a search.
  function soon(promise) {
    return Promise.race([promise, new Promise(function (resolve, reject) { setTimeout(reject, 2500); })]);
  }

  function search(query) {
    if (outbox && !outbox.connected() && roster.delegates.length) { searchHere(query); return; }
    soon(live.api("GET", "/delegates?q=" + encodeURIComponent(query) + "&limit=20")).then(function (answer) {
      showFound(answer.body.delegates || [], false);
    }, function () { searchHere(query); });
  }
  if ($("search")) {
    $("search").addEventListener("input", function (e) {
      clearTimeout(searchTimer);
      var q = e.target.value.trim();
      if (!q) { $("search-results").replaceChildren(); return; }
      searchTimer = setTimeout(function () { search(q); }, 200);
    });
  }

  // ---------------------------------------------------------------- walk-ins

  var walkIn = $("walk-in-form");
  if (walkIn) {
    walkIn.addEventListener("submit", function (e) {
      e.preventDefault();
      var guest = { full_name: walkIn.full_name.value, position: walkIn.position.value,
                    organization: walkIn.organization.value, level: walkIn.level.value, group: "citizen",
                    honorific: "", device: device(), request_id: KioskScanner.newId() };
      live.send("POST", "/walk-ins", guest, { label: TEXT.walkInLabel + ": " + guest.full_name })
        .then(function (answer) {
          if (answer.queued || answer.offline) {
            walkIn.reset();
            show({ status: "queued", message: TEXT.welcome + " " + guest.full_name.trim(), detail: TEXT.saved });
          } else if (answer.status === 201) { walkIn.reset(); show(answer.body); }
          else show({ status: "invalid", message: answer.body.message });
        });
    });
  }
})();
