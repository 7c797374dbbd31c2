// The stage marshal's tablet: the current batch in the order people stand
// (left to right from the hall); each one marked handed, absent, received by
// a stand-in or to hand later. A second tablet marking the same person is
// told when and by whom it was recorded. Cut off from the server, a mark waits
// in the tablet's outbox (shown as waiting, not as recorded) and is sent on
// reconnecting; if another tablet recorded something else meanwhile, the
// server keeps the conflict for the organizers.
(function () {
  "use strict";
  var live = KioskLive, el = live.el, $ = function (id) { return document.getElementById(id); };
  var TEXT = {
    vi: { batch: "Đợt", of: "trên", none: "Chưa chọn đợt: bấm “Đợt tiếp theo” để bắt đầu.", noPlan: "Chưa xếp đợt trao thưởng.",
          presenter: "Đại biểu trao: ", notHere: "chưa có mặt", handed: "Đã trao", absent: "Vắng", standIn: "Nhận thay",
          later: "Trao sau", standInAsk: "Họ tên người nhận thay:", offline: "Không kết nối được máy chủ.",
          saved: "Đã lưu, sẽ gửi khi có mạng.", waiting: "đang chờ gửi" },
    en: { batch: "Batch", of: "of", none: "No batch yet: press “Next batch” to begin.", noPlan: "No batches planned.",
          presenter: "Presented by: ", notHere: "not in the hall", handed: "Handed", absent: "Absent", standIn: "Stand-in",
          later: "Later", standInAsk: "Stand-in's full name:", offline: "Cannot reach the server.",
          saved: "Saved, will be sent when the connection is back.", waiting: "waiting to be sent" },
  }[live.lang];
  var LABELS = { handed: TEXT.handed, absent: TEXT.absent, stand_in: TEXT.standIn, later: TEXT.later };

  var outbox = window.KioskOutbox;

  function requestId() {
    var b = crypto.getRandomValues(new Uint8Array(16));
    return Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join("");
  }

  function showError(message, note) {
    $("stage-error").textContent = message || "";
    $("stage-error").hidden = !message;
    $("stage-error").classList.toggle("error", !note);
  }

  // Marks waiting in the outbox: recipient id → the queued body.
  function pendingMarks() {
    var marks = {};
    (outbox ? outbox.pending() : []).forEach(function (item) {
      var m = /^\/awards\/(\d+)\/handout$/.exec(item.path);
      if (m) marks[m[1]] = item.body;
    });
    return marks;
  }

  function mark(person, outcome) {
    var body = { outcome: outcome, request_id: requestId(), device: localStorage.getItem("kiosk.device") || "" };
    if (outcome === "stand_in") {
      var name = window.prompt(TEXT.standInAsk);
      if (!name || !name.trim()) return;
      body.stand_in_name = name.trim();
    }
    live.send("POST", "/awards/" + person.id + "/handout", body, { label: person.line + ": " + LABELS[outcome] })
      .then(function (answer) {
        if (answer.queued || answer.offline) { showError(person.line + ": " + LABELS[outcome] + ". " + TEXT.saved, true); return; }
        showError(answer.status >= 400 ? answer.body.message
          : answer.body.status === "already_recorded" || answer.body.status === "conflict" ? answer.body.message : "");
      }, function () { showError(TEXT.offline); });
  }

  function command(name) {
    var stage = live.state.stage_awards;
    var expected = stage && stage.current ? stage.current.id : null;
    live.api("POST", "/award-stage/commands", { command: name, expected_batch: expected }).then(function (answer) {
      if (answer.body.stage) live.apply({ stage_awards: answer.body.stage });
      showError(answer.status >= 400 ? answer.body.message : "");
    }, function () { showError(TEXT.offline); });
  }
  $("stage-next").addEventListener("click", function () { command("next"); });
  $("stage-previous").addEventListener("click", function () { command("previous"); });

  function render(stage) {
    var batch = stage.current;
    $("batch-title").textContent = batch ? TEXT.batch + " " + batch.number + " " + TEXT.of + " " + stage.batch_count : "";
    $("presenter").textContent = batch && batch.presenter
      ? TEXT.presenter + batch.presenter + (batch.presenter_present === false ? " (" + TEXT.notHere + ")" : "") : "";
    $("presenter").classList.toggle("warn-text", !!(batch && batch.presenter_present === false));
    $("announcement").textContent = batch ? batch.announcement : "";
    $("stage-empty").textContent = batch ? "" : stage.batch_count ? TEXT.none : TEXT.noPlan;
    var list = $("stage-people");
    var waiting = pendingMarks();
    list.replaceChildren();
    (batch ? batch.people : []).forEach(function (person) {
      var pending = !person.outcome && waiting[person.id];
      var li = el("li", "stage-person" + (person.outcome ? " marked outcome-" + person.outcome : "") + (pending ? " pending" : ""));
      var who = el("div", "who");
      who.appendChild(el("strong", "", person.line));
      if (person.present === false) who.appendChild(el("span", "warn-text", "⚠ " + TEXT.notHere));
      if (person.outcome) {
        who.appendChild(el("span", "present-note", "✓ " + LABELS[person.outcome] +
          (person.stand_in_name ? ": " + person.stand_in_name : "")));
      } else if (pending) {
        who.appendChild(el("span", "pending-note", LABELS[pending.outcome] +
          (pending.stand_in_name ? ": " + pending.stand_in_name : "") + " — " + TEXT.waiting));
      }
      li.appendChild(who);
      if (!person.outcome && !pending) {
        [["handed", "primary"], ["absent", ""], ["stand_in", ""], ["later", ""]].forEach(function (choice) {
          var button = el("button", "button " + choice[1], LABELS[choice[0]]);
          button.type = "button";
          button.dataset.outcome = choice[0];
          button.addEventListener("click", function () { mark(person, choice[0]); });
          li.appendChild(button);
        });
      }
      list.appendChild(li);
    });
    var next = $("next-people");
    next.replaceChildren();
    (stage.next ? stage.next.people : []).forEach(function (p) {
      next.appendChild(el("li", "", p.line + (p.present === false ? " (" + TEXT.notHere + ")" : "")));
    });
  }

  live.onState(function (state) { if (state.stage_awards) render(state.stage_awards); });
  if (outbox) outbox.onChange(function () { if (live.state.stage_awards) render(live.state.stage_awards); });
})();
