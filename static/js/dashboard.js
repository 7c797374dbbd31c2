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
  KioskLive.onState(function (state) {
    var detail = state.attendance_detail;
    if (!detail) return;
    fillTable("attendance-by-level", detail.by_level);
    fillTable("attendance-by-group", detail.by_group);
    var leaders = document.getElementById("leaders-missing");
    leaders.replaceChildren();
    detail.leaders_missing.forEach(function (l) {
      leaders.appendChild(el("li", "", l.name + (l.position ? ", " + l.position : "")));
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
