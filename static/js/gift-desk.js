// A gift desk: scan the recipient's slip or find them by name, hand the
// package over (to them or to a relative); the same on stage, batch by batch.
// Each hand-out carries its own request_id, made at the hand-out, so a retry
// never gives twice.
//
// When the server is out of reach the desk goes on: the recipient list kept on
// the tablet answers the search and names the scanned slip (its signature
// verified here: a forged slip is refused at once), and the hand-out waits in
// the outbox ("Đã lưu, sẽ gửi khi có mạng"). If another desk gave the same
// package meanwhile, the server records a conflict for the organizers.
(function () {
  "use strict";
  var live = KioskLive, el = live.el, outbox = window.KioskOutbox, codes = window.KioskCodes;
  var $ = function (id) { return document.getElementById(id); };
  var TEXT = {
    vi: { hand: "Trao quà", relative: "Người nhận thay", relativeName: "Họ tên người nhận thay:",
          relation: "Quan hệ với người được nhận quà (con, vợ, chồng...):", received: "đã nhận lúc", none: "Không tìm thấy.",
          noPackage: "chưa có suất quà", offline: "Không kết nối được máy chủ.", noCamera: "Không mở được camera: ",
          batch: "Đợt", of: "trên", noBatch: "Chưa bắt đầu", saved: "Đã lưu, sẽ gửi khi có mạng.",
          verified: "Đã xác minh chữ ký (ngoại tuyến).", unverified: "Chưa xác minh: phiếu sẽ được kiểm tra khi có mạng.",
          give: "Trao", to: "cho", unknown: "Phiếu hợp lệ (đã xác minh chữ ký) — chưa có tên trên máy này.",
          invalid: "Mã phiếu không hợp lệ. Tra cứu theo tên người nhận.",
          wrongEvent: "Phiếu này không thuộc sự kiện này. Tra cứu theo tên người nhận.",
          waiting: "đang chờ gửi", handLabel: "Trao quà", offlineList: "Danh sách trên máy (mất kết nối)", at: "tại" },
    en: { hand: "Hand out", relative: "Relative", relativeName: "Relative's full name:",
          relation: "Relationship to the recipient:", received: "received at", none: "Nobody found.",
          noPackage: "no package", offline: "Cannot reach the server.", noCamera: "Cannot open the camera: ",
          batch: "Batch", of: "of", noBatch: "Not started", saved: "Saved, will be sent when the connection is back.",
          verified: "Signature verified (offline).", unverified: "Not verified: the slip will be checked when the connection is back.",
          give: "Hand", to: "to", unknown: "Valid slip (signature verified) — name not on this tablet yet.",
          invalid: "Invalid slip code. Search the recipient by name.",
          wrongEvent: "This slip is not for this event. Search the recipient by name.",
          waiting: "waiting to be sent", handLabel: "Gift", offlineList: "List on this tablet (offline)", at: "at" },
  }[live.lang];
  var clearTimer = null, lastCode = "", lastCodeAt = 0;

  function desk() { return $("desk").value.trim(); }
  $("desk").value = localStorage.getItem("kiosk.giftDesk") || $("desk").value;
  $("desk").addEventListener("change", function () { localStorage.setItem("kiosk.giftDesk", desk()); });

  // ---------------------------------------------------------------- the list kept on the tablet

  var keyEl = $("code-key");
  var roster = { key: keyEl ? JSON.parse(keyEl.textContent) : null, recipients: [], bySlip: {}, byId: {} };

  function useRoster(data) {
    if (!data) return;
    roster.recipients = data.recipients || [];
    roster.key = data.key || roster.key;
    roster.bySlip = {};
    roster.byId = {};
    roster.recipients.forEach(function (r) { roster.bySlip[r.slip_id] = r; roster.byId[r.id] = r; });
  }

  var saveTimer = null;
  function keepRoster() {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(function () {
      if (outbox) outbox.saveSnapshot("gift-recipients", { recipients: roster.recipients, key: roster.key });
    }, 500);
  }

  function refreshRoster() {
    return live.api("GET", "/offline/gift-recipients").then(function (answer) {
      if (answer.status !== 200) return;
      useRoster(answer.body);
      keepRoster();
    }, function () { /* out of reach: the kept list stays */ });
  }

  if (outbox) {
    outbox.snapshot("gift-recipients").then(function (data) { if (!roster.recipients.length) useRoster(data); })
      .then(refreshRoster);
    setInterval(function () { if (outbox.connected()) refreshRoster(); }, 120000);
    if (live.socket) live.socket.on("connect", refreshRoster);
    outbox.onAnswer(function (item, answer) {
      var r = answer.body && answer.body.recipient;
      if (!r || !roster.byId[r.id]) return;
      ["handed_at", "handed_desk", "handed_by", "received_by", "relationship"].forEach(function (name) {
        roster.byId[r.id][name] = r[name];
      });
      keepRoster();
    });
    outbox.onChange(function () {
      if ($("search").value.trim()) search($("search").value.trim());
      renderStage(live.state);
    });
  }

  // Recipients with a hand-out waiting in the outbox: id → the queued action.
  function pendingIds() {
    var ids = {};
    (outbox ? outbox.pending() : []).forEach(function (item) {
      var m = /^\/gifts\/(\d+)\/handout$/.exec(item.path);
      if (m) ids[m[1]] = item;
      var parsed = item.path === "/gifts/handout-by-code" && codes ? codes.parse(item.body.code, "NHQ1") : null;
      var r = parsed && roster.bySlip[parsed.id];
      if (r) ids[r.id] = item;
    });
    return ids;
  }

  function timeOf(iso) {
    return new Date(iso).toLocaleTimeString("vi-VN", { hour: "2-digit", minute: "2-digit", timeZone: "Asia/Ho_Chi_Minh" });
  }

  // ---------------------------------------------------------------- answers

  function show(answer) {
    var box = $("result");
    var status = answer.status === "ok" ? "ok" : answer.status === "queued" ? "queued"
      : answer.status === "already_handed" ? "already_checked_in" : "invalid";
    box.className = "result status-" + status;
    $("result-message").textContent = answer.message;
    $("result-detail").textContent = answer.detail || "";
    box.hidden = false;
    clearTimeout(clearTimer);
    clearTimer = setTimeout(function () { box.hidden = true; $("code").focus(); }, answer.status === "ok" ? 2000 : 3500);
    if ($("search").value.trim()) search($("search").value.trim());
  }

  function queuedAnswer(local, body) {
    var r = local.recipient;
    var lines = [];
    if (local.verdict === "ok") lines.push(TEXT.verified);
    if (local.verdict === "unverified") lines.push(TEXT.unverified);
    lines.push(TEXT.saved);
    var message = r ? TEXT.give + (r.package ? " “" + r.package + "”" : "") + " " + TEXT.to + " " + r.name +
      (body.received_by ? " — " + TEXT.relative.toLowerCase() + ": " + body.received_by : "")
      : local.verdict === "ok" ? TEXT.unknown : TEXT.unverified;
    return { status: "queued", message: message, detail: lines.join(" ") };
  }

  function post(path, body, local) {
    body.desk = desk();
    body.request_id = KioskScanner.newId();
    var r = local.recipient;
    live.send("POST", path, body, { label: TEXT.handLabel + (r ? ": " + r.name : "") + (body.desk ? " — " + body.desk : "") })
      .then(function (answer) {
        if (answer.queued || answer.offline) show(queuedAnswer(local, body));
        else show(answer.status === 200 ? answer.body : { status: "invalid", message: answer.body.message });
      }, function () { show({ status: "invalid", message: TEXT.offline }); });
  }

  // Known handed (by the kept list) or waiting in the outbox: said at once while cut off.
  function alreadyHanded(r) {
    if (!r) return null;
    var queued = pendingIds()[r.id];
    if (queued) return r.name + " " + TEXT.received + " " + timeOf(queued.made_at) + " (" + TEXT.waiting + ").";
    if (r.handed_at) return r.name + " " + TEXT.received + " " + timeOf(r.handed_at) + (r.handed_desk ? " " + TEXT.at + " " + r.handed_desk : "") + ".";
    return null;
  }

  function handOut(recipient, viaRelative) {
    var body = {};
    if (viaRelative) {
      var name = window.prompt(TEXT.relativeName);
      if (!name || !name.trim()) return;
      var relation = window.prompt(TEXT.relation);
      if (!relation || !relation.trim()) return;
      body.received_by = name.trim();
      body.relationship = relation.trim();
    }
    var local = { verdict: "chosen", recipient: roster.byId[recipient.id] || recipient };
    var already = outbox && !outbox.connected() && alreadyHanded(local.recipient);
    if (already) { show({ status: "already_handed", message: already }); return; }
    post("/gifts/" + recipient.id + "/handout", body, local);
  }

  var REFUSALS = { invalid: TEXT.invalid, wrong_event: TEXT.wrongEvent };

  function submitCode(code, fromCamera) {
    code = code.trim();
    var now = Date.now();
    if (!code || (fromCamera && code === lastCode && now - lastCodeAt < 4000)) return;
    lastCode = code; lastCodeAt = now;
    var checking = codes ? codes.check(code, "NHQ1", roster.key) : Promise.resolve({ verdict: "unverified", parsed: null });
    checking.then(function (result) {
      var local = { verdict: result.verdict, recipient: result.parsed ? roster.bySlip[result.parsed.id] || null : null };
      var connected = !outbox || outbox.connected();
      if (REFUSALS[local.verdict]) {
        var refusal = { status: "invalid", message: REFUSALS[local.verdict] };
        if (!connected) { show(refusal); return; }
        live.send("POST", "/gifts/handout-by-code", { code: code, desk: desk(), request_id: KioskScanner.newId() },
                  { queue: false })
          .then(function (answer) { show(answer.status === 200 ? answer.body : refusal); }, function () { show(refusal); });
        return;
      }
      var already = !connected && alreadyHanded(local.recipient);
      if (already) { show({ status: "already_handed", message: already }); return; }
      post("/gifts/handout-by-code", { code: code }, local);
    });
  }
  $("code-form").addEventListener("submit", function (e) {
    e.preventDefault();
    submitCode($("code").value, false);
    $("code").value = "";
  });
  function startCamera() {
    KioskScanner.camera({ video: $("camera"), canvas: $("frame"), hint: $("camera-hint"), noCamera: TEXT.noCamera,
                          onCode: function (code) { submitCode(code, true); } })
      .then(function (started) { if (started) $("camera-start").hidden = true; });
  }
  $("camera-start").addEventListener("click", startCamera);

  function personRow(r, li) {
    var pending = pendingIds()[r.id];
    var who = el("div", "who");
    who.appendChild(el("strong", "", r.name));
    who.appendChild(el("span", "muted", [r.address, r.category_label, r.package || TEXT.noPackage].filter(Boolean).join(" · ")));
    if (r.handed_at) {
      who.appendChild(el("span", "present-note", "✓ " + TEXT.received + " " + timeOf(r.handed_at) + (r.handed_desk ? " — " + r.handed_desk : "") +
                                                  (r.received_by ? " (" + r.received_by + ")" : "")));
    } else if (pending) {
      who.appendChild(el("span", "pending-note", TEXT.handLabel + " — " + TEXT.waiting));
      li.classList.add("pending");
    }
    li.appendChild(who);
    if (!r.handed_at && !pending && r.package_id) {
      [[TEXT.hand, "primary", false], [TEXT.relative, "", true]].forEach(function (choice) {
        var b = el("button", "button " + choice[1], choice[0]);
        b.type = "button";
        b.addEventListener("click", function () { handOut(r, choice[2]); });
        li.appendChild(b);
      });
    }
  }

  // ---------------------------------------------------------------- search

  var searchTimer = null;
  function showFound(found, fromTablet) {
    var list = $("search-results");
    list.replaceChildren();
    if (fromTablet) list.appendChild(el("li", "muted offline-note", TEXT.offlineList));
    if (!found.length) list.appendChild(el("li", "muted", TEXT.none));
    found.forEach(function (r) {
      var li = el("li", "search-result" + (r.handed_at ? " present" : ""));
      personRow(r, li);
      list.appendChild(li);
    });
  }

  function searchHere(query) {
    showFound(codes ? codes.search(roster.recipients, query, 20) : [], true);
  }

  // A server that does not answer within a moment is as good as unreachable for a search.
  function soon(promise) {
    return Promise.race([promise, new Promise(function (resolve, reject) { setTimeout(reject, 2500); })]);
  }

  function search(query) {
    if (outbox && !outbox.connected() && roster.recipients.length) { searchHere(query); return; }
    soon(live.api("GET", "/gift-recipients?q=" + encodeURIComponent(query) + "&limit=20")).then(function (answer) {
      showFound(answer.body.recipients || [], false);
    }, function () { searchHere(query); });
  }
  $("search").addEventListener("input", function (e) {
    clearTimeout(searchTimer);
    var q = e.target.value.trim();
    if (!q) { $("search-results").replaceChildren(); return; }
    searchTimer = setTimeout(function () { search(q); }, 200);
  });

  // ---------------------------------------------------------------- on stage

  function stageCommand(name) {
    var stage = live.state.stage_gifts || { current_batch: 0 };
    live.api("POST", "/gift-stage/commands", { command: name, expected_batch: stage.current_batch }).then(function (answer) {
      if (answer.body.stage) live.apply({ stage_gifts: answer.body.stage });
      else if (answer.body.message) show({ status: "invalid", message: answer.body.message });
    }, function () { show({ status: "invalid", message: TEXT.offline }); });
  }
  $("gift-next").addEventListener("click", function () { stageCommand("next"); });
  $("gift-previous").addEventListener("click", function () { stageCommand("previous"); });

  function renderStage(state) {
    var stage = state.stage_gifts;
    if (!stage) return;
    $("gift-batch-title").textContent = stage.current_batch ? TEXT.batch + " " + stage.current_batch + " " + TEXT.of + " " + stage.batch_count : TEXT.noBatch;
    $("gift-announcement").textContent = stage.announcement || "";
    var list = $("gift-stage");
    list.replaceChildren();
    (stage.people || []).forEach(function (r) {
      var li = el("li", "stage-person" + (r.handed_at ? " marked" : ""));
      personRow(r, li);
      list.appendChild(li);
    });
  }
  live.onState(renderStage);
})();
