// The programme's clock on every screen. The server's clock is the reference
// (tablets' clocks are wrong): each state carries server_now, from which the
// page keeps an offset and then ticks locally between updates.
(function () {
  "use strict";
  var offsetMs = 0;

  function serverNow() { return Date.now() + offsetMs; }

  function sync(programme) {
    if (programme && programme.server_now) offsetMs = Date.parse(programme.server_now) - Date.now();
  }

  function elapsed(liveState, nowMs) {
    if (!liveState.clock_started_at) return 0;
    var until = liveState.status === "paused" && liveState.paused_at ? Date.parse(liveState.paused_at) : nowMs;
    return Math.max(0, (until - Date.parse(liveState.clock_started_at)) / 1000 - (liveState.paused_seconds || 0));
  }

  // Everything a screen shows of the timing, now.
  function read(programme) {
    var live = programme.live, timing = programme.timing, now = serverNow();
    var current = programme.items.filter(function (i) { return i.id === live.current_item_id; })[0] || null;
    var result = { current: current, status: live.status, elapsed: 0, remaining: null, phase: "idle",
                   offset: timing.offset_seconds, projectedEnd: timing.projected_end ? Date.parse(timing.projected_end) : null };
    if (!current) return result;
    result.elapsed = elapsed(live, now);
    result.remaining = timing.current_duration - result.elapsed;
    var remainingThen = timing.current_duration - elapsed(live, Date.parse(programme.server_now));
    // The projected end moves with the clock while paused or in overtime.
    var driftMs = live.status === "paused" ? now - Date.parse(programme.server_now)
      : (Math.max(0, -result.remaining) - Math.max(0, -remainingThen)) * 1000;
    if (result.projectedEnd) result.projectedEnd += driftMs;
    if (result.offset !== null && result.offset !== undefined) result.offset += driftMs / 1000;
    result.phase = result.remaining < 0 ? "overtime"
      : result.remaining <= timing.danger_seconds ? "danger"
      : result.remaining <= timing.warning_seconds ? "warning" : "normal";
    return result;
  }

  function duration(seconds) {
    var sign = seconds < 0 ? "-" : "";
    seconds = Math.abs(Math.round(seconds));
    var h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
    var mm = (h ? String(m).padStart(2, "0") : String(m)), ss = String(s).padStart(2, "0");
    return sign + (h ? h + ":" : "") + mm + ":" + ss;
  }

  function clockTime(ms) {
    if (!ms) return "";
    return new Date(ms).toLocaleTimeString("vi-VN", { hour: "2-digit", minute: "2-digit", hour12: false,
                                                       timeZone: "Asia/Ho_Chi_Minh" });
  }

  var TEXT = {
    vi: { late: "Chậm", early: "Sớm", onTime: "Đúng giờ", min: "phút" },
    en: { late: "Late", early: "Early", onTime: "On time", min: "min" },
  };

  function offsetText(seconds, lang) {
    var t = TEXT[lang] || TEXT.vi;
    if (seconds === null || seconds === undefined) return "";
    var minutes = Math.round(Math.abs(seconds) / 60);
    if (minutes === 0) return t.onTime;
    return (seconds > 0 ? t.late : t.early) + " " + minutes + " " + t.min;
  }

  window.KioskClock = { sync: sync, read: read, duration: duration, clockTime: clockTime, offsetText: offsetText,
                        now: serverNow };
})();
