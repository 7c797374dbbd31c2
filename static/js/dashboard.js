// The organizers' dashboard: attendance by level and group, leaders not yet
// arrived, arrivals over time; the figures at the top update through data-live.
(function () {
  "use strict";
  var el = KioskLive.el;
  function fillTable(id, rows) {
    var body = document.querySelector("#" + id + " tbody");
    body.replaceChildren();
    rows.forEach(function (row) {
      var tr = el("tr");
      [row.label, row.present, row.invited].forEach(function (v) { tr.appendChild(el("td", "", String(v))); });
      body.appendChild(tr);
    });
  }
  // "Đang diễn ra: …" while the ceremony runs, "Phần lễ đã kết thúc lúc 09:42" after it.
  var now = document.getElementById("programme-now");
  function showProgramme(programme) {
    if (!now || !programme || !programme.summary) return;
    var endedAt = programme.summary.ended_at;
    now.querySelector(".programme-running").hidden = !!endedAt;
    var ended = now.querySelector(".programme-ended");
    ended.hidden = !endedAt;
    ended.textContent = endedAt ? now.dataset.ended.replace("{time}", endedAt) : "";
  }
  KioskLive.onState(function (state) {
    showProgramme(state.programme);
    var detail = state.attendance_detail;
    if (!detail) return;
    fillTable("attendance-by-level", detail.by_level);
    fillTable("attendance-by-group", detail.by_group);
    var leaders = document.getElementById("leaders-missing");
    leaders.replaceChildren();
    detail.leaders_missing.forEach(function (l) {
      var said = l.office || l.position;
      leaders.appendChild(el("li", "", l.name + (said ? ", " + said : "")));
    });
    var chart = document.getElementById("arrivals");
    chart.replaceChildren();
    var most = Math.max.apply(null, detail.arrivals.map(function (a) { return a.count; }).concat([1]));
    detail.arrivals.forEach(function (a) {
      var bar = el("div", "arrival");
      bar.appendChild(el("span", "arrival-time", a.at));
      var fill = el("span", "arrival-bar");
      fill.style.width = Math.round(100 * a.count / most) + "%";
      bar.appendChild(fill);
      bar.appendChild(el("span", "arrival-count", String(a.count)));
      chart.appendChild(bar);
    });
  });
})();
