// A gift desk: scan the recipient's slip or find them by name, hand the
// package over (to them or to a relative); the same on stage, batch by batch.
// Each hand-out carries its own request_id, so a retry never gives twice.
(function () {
  "use strict";
  var live = KioskLive, el = live.el, $ = function (id) { return document.getElementById(id); };
  var TEXT = {
    vi: { hand: "Trao quà", relative: "Người nhận thay", relativeName: "Họ tên người nhận thay:",
          relation: "Quan hệ với người được nhận quà (con, vợ, chồng...):", received: "đã nhận lúc", none: "Không tìm thấy.",
          noPackage: "chưa có suất quà", offline: "Không kết nối được máy chủ.", noCamera: "Không mở được camera: ",
          batch: "Đợt", of: "trên", noBatch: "Chưa bắt đầu" },
    en: { hand: "Hand out", relative: "Relative", relativeName: "Relative's full name:",
          relation: "Relationship to the recipient:", received: "received at", none: "Nobody found.",
          noPackage: "no package", offline: "Cannot reach the server.", noCamera: "Cannot open the camera: ",
          batch: "Batch", of: "of", noBatch: "Not started" },
  }[live.lang];
  var clearTimer = null, lastCode = "", lastCodeAt = 0;

  function desk() { return $("desk").value.trim(); }
  $("desk").value = localStorage.getItem("kiosk.giftDesk") || $("desk").value;
  $("desk").addEventListener("change", function () { localStorage.setItem("kiosk.giftDesk", desk()); });

  function show(answer) {
    var box = $("result");
    box.className = "result status-" + (answer.status === "ok" ? "ok" : answer.status === "already_handed" ? "already_checked_in" : "invalid");
    $("result-message").textContent = answer.message;
    box.hidden = false;
    clearTimeout(clearTimer);
    clearTimer = setTimeout(function () { box.hidden = true; $("code").focus(); }, answer.status === "ok" ? 2000 : 3500);
    if ($("search").value.trim()) search($("search").value.trim());
  }

  function post(path, body) {
    body.desk = desk();
    body.request_id = KioskScanner.newId();
    live.api("POST", path, body).then(function (answer) {
      show(answer.status === 200 ? answer.body : { status: "invalid", message: answer.body.message });
    }, function () { show({ status: "invalid", message: TEXT.offline }); });
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
    post("/gifts/" + recipient.id + "/handout", body);
  }

  function submitCode(code, fromCamera) {
    code = code.trim();
    var now = Date.now();
    if (!code || (fromCamera && code === lastCode && now - lastCodeAt < 4000)) return;
    lastCode = code; lastCodeAt = now;
    post("/gifts/handout-by-code", { code: code });
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
    var who = el("div", "who");
    who.appendChild(el("strong", "", r.name));
    who.appendChild(el("span", "muted", [r.address, r.category_label, r.package || TEXT.noPackage].filter(Boolean).join(" · ")));
    if (r.handed_at) {
      var at = new Date(r.handed_at).toLocaleTimeString("vi-VN", { hour: "2-digit", minute: "2-digit", timeZone: "Asia/Ho_Chi_Minh" });
      who.appendChild(el("span", "present-note", "✓ " + TEXT.received + " " + at + (r.handed_desk ? " — " + r.handed_desk : "") +
                                                  (r.received_by ? " (" + r.received_by + ")" : "")));
    }
    li.appendChild(who);
    if (!r.handed_at && r.package_id) {
      [[TEXT.hand, "primary", false], [TEXT.relative, "", true]].forEach(function (choice) {
        var b = el("button", "button " + choice[1], choice[0]);
        b.type = "button";
        b.addEventListener("click", function () { handOut(r, choice[2]); });
        li.appendChild(b);
      });
    }
  }

  var searchTimer = null;
  function search(query) {
    live.api("GET", "/gift-recipients?q=" + encodeURIComponent(query) + "&limit=20").then(function (answer) {
      var list = $("search-results");
      list.replaceChildren();
      var found = answer.body.recipients || [];
      if (!found.length) list.appendChild(el("li", "muted", TEXT.none));
      found.forEach(function (r) {
        var li = el("li", "search-result" + (r.handed_at ? " present" : ""));
        personRow(r, li);
        list.appendChild(li);
      });
    });
  }
  $("search").addEventListener("input", function (e) {
    clearTimeout(searchTimer);
    var q = e.target.value.trim();
    if (!q) { $("search-results").replaceChildren(); return; }
    searchTimer = setTimeout(function () { search(q); }, 200);
  });

  function stageCommand(name) {
    var stage = live.state.stage_gifts || { current_batch: 0 };
    live.api("POST", "/gift-stage/commands", { command: name, expected_batch: stage.current_batch }).then(function (answer) {
      if (answer.body.stage) live.apply({ stage_gifts: answer.body.stage });
      else if (answer.body.message) show({ status: "invalid", message: answer.body.message });
    });
  }
  $("gift-next").addEventListener("click", function () { stageCommand("next"); });
  $("gift-previous").addEventListener("click", function () { stageCommand("previous"); });

  live.onState(function (state) {
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
  });
})();
