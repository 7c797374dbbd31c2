// The timer panel (templates/programme/_timer.html): current item, remaining
// time in colour, elapsed, over/under and projected end; ticks locally.
(function () {
  "use strict";
  var panel = document.getElementById("timer-panel");
  if (!panel) return;
  var lang = KioskLive.lang;
  var TEXT = {
    vi: { idle: "Chưa bắt đầu", ended: "Đã kết thúc phần lễ", running: "Đang chạy", paused: "Tạm dừng",
          item: "Mục", speaker: "Trình bày: ", projected: "Dự kiến kết thúc", endedAt: "Kết thúc lúc",
          plannedStart: "Bắt đầu theo kế hoạch lúc ", overall: "Cả phần lễ: " },
    en: { idle: "Not started", ended: "Ceremony ended", running: "Running", paused: "Paused",
          item: "Item", speaker: "Speaker: ", projected: "Projected end", endedAt: "Ended at",
          plannedStart: "Planned start: ", overall: "Whole ceremony: " },
  }[lang];
  var $ = function (id) { return document.getElementById(id); };

  function tick() {
    var programme = KioskLive.state.programme;
    if (!programme) return;
    var now = KioskClock.read(programme);
    panel.dataset.phase = now.current ? now.phase : programme.live.status;
    $("current-number").textContent = now.current ? TEXT.item + " " + now.current.number : "";
    $("current-title").textContent = now.current ? now.current.title
      : programme.live.status === "ended" ? TEXT.ended : TEXT.idle;
    $("current-speaker").textContent = now.current && now.current.speaker ? TEXT.speaker + now.current.speaker : "";
    $("timer-remaining").textContent = now.current ? KioskClock.duration(now.remaining) : "--:--";
    $("timer-elapsed").textContent = KioskClock.duration(now.elapsed);
    $("timer-state").textContent = TEXT[programme.live.status] || "";
    var status = programme.live.status, ended = status === "ended";
    $("projected-end-label").textContent = ended ? TEXT.endedAt : TEXT.projected;
    $("projected-end").textContent = KioskClock.clockTime(now.projectedEnd) || "--:--";
    // Over/under only once the ceremony has started (the server sends none
    // before); after the end, the final figure of the whole ceremony.
    var offset = $("ceremony-offset"), plannedStart = programme.timing.planned_start;
    if (status === "idle") {
      offset.textContent = plannedStart ? TEXT.plannedStart + KioskClock.clockTime(Date.parse(plannedStart)) : "";
      offset.className = "offset";
    } else {
      var text = KioskClock.offsetText(now.offset, lang);
      offset.textContent = ended && text ? TEXT.overall + text.charAt(0).toLowerCase() + text.slice(1) : text;
      offset.className = "offset " + (now.offset > 59 ? "late" : now.offset < -59 ? "early" : "");
    }
  }

  KioskLive.onState(function (state) { KioskClock.sync(state.programme); tick(); });
  setInterval(tick, 250);
})();
