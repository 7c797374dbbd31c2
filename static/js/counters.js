// Phần hội stations: one tap per person served or item received, with undo.
// Cut off from the server, taps wait in the tablet's outbox (each with its own
// request_id, so it counts once) and the card shows how many are waiting.
(function () {
  "use strict";
  var live = KioskLive, el = live.el, outbox = window.KioskOutbox, $ = function (id) { return document.getElementById(id); };
  var TEXT = { vi: { undo: "Bớt 1 (hoàn tác)", offline: "Không kết nối được máy chủ.", waiting: "đang chờ gửi",
                     saved: "Đã lưu, sẽ gửi khi có mạng.", tap: "Phần hội" },
               en: { undo: "Undo 1", offline: "Cannot reach the server.", waiting: "waiting to be sent",
                     saved: "Saved, will be sent when the connection is back.", tap: "Station" } }[live.lang];

  function note(message, error) {
    $("counter-error").hidden = !message;
    $("counter-error").textContent = message || "";
    $("counter-error").classList.toggle("error", !!error);
  }

  function tap(activity, delta) {
    live.send("POST", "/counters/" + activity.id, { delta: delta, request_id: KioskScanner.newId(),
                                                    device: localStorage.getItem("kiosk.device") || "" },
              { label: TEXT.tap + ": " + activity.name + " " + (delta > 0 ? "+1" : "−1") })
      .then(function (answer) {
        if (answer.queued || answer.offline) { note(TEXT.saved, false); return; }
        note(answer.status >= 400 ? answer.body.message : "", true);
      }, function () { note(TEXT.offline, true); });
  }

  // Taps waiting in the outbox, by station: the sum of their deltas.
  function waiting() {
    var sums = {};
    (outbox ? outbox.pending() : []).forEach(function (item) {
      var m = /^\/counters\/(\d+)$/.exec(item.path);
      if (m) sums[m[1]] = (sums[m[1]] || 0) + (item.body.delta || 1);
    });
    return sums;
  }

  function render(state) {
    if (!state.counters) return;
    var box = $("counters"), pending = waiting();
    box.replaceChildren();
    state.counters.activities.forEach(function (a) {
      var card = el("section", "card counter");
      card.dataset.activity = a.id;
      card.appendChild(el("h2", "", a.name));
      card.appendChild(el("p", "muted", [a.place, a.label].filter(Boolean).join(" · ")));
      var plus = el("button", "button primary counter-plus", "+1");
      plus.type = "button";
      plus.appendChild(el("span", "counter-total", String(a.total)));
      plus.addEventListener("click", function () { tap(a, 1); });
      var minus = el("button", "button small", TEXT.undo);
      minus.type = "button";
      minus.addEventListener("click", function () { tap(a, -1); });
      card.appendChild(plus);
      if (pending[a.id]) {
        card.appendChild(el("p", "pending-note counter-pending",
                            (pending[a.id] > 0 ? "+" : "") + pending[a.id] + " " + TEXT.waiting));
      }
      card.appendChild(minus);
      box.appendChild(card);
    });
  }

  live.onState(render);
  if (outbox) outbox.onChange(function () { render(live.state); });
})();
