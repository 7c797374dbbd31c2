// The organizers' list "Xung đột khi mất kết nối", live: hand-outs made on
// desks cut off from the server that another desk had already made. Each open
// one has "Đã xử lý", which asks how it was settled (actions.js sends it).
(function () {
  "use strict";
  var box = document.getElementById("offline-conflicts");
  if (!box || !window.KioskLive) return;
  var el = KioskLive.el;
  var TEXT = {
    vi: { resolve: "Đã xử lý", resolved: "Đã xử lý", ask: "Ghi cách xử lý (ví dụ: đã thu hồi suất quà thứ hai):" },
    en: { resolve: "Settled", resolved: "Settled", ask: "How was it settled (e.g. the second package was taken back)?" },
  }[KioskLive.lang];
  var area = box.dataset.area, canResolve = !!box.dataset.canResolve;

  KioskLive.onState(function (state) {
    var part = state.offline_conflicts;
    if (!part) return;
    var shown = part.items.filter(function (c) { return !area || c.area === area; });
    box.hidden = !shown.length;
    document.getElementById("offline-conflict-count").textContent =
      String(shown.filter(function (c) { return !c.resolved; }).length);
    var list = document.getElementById("offline-conflict-list");
    list.replaceChildren();
    shown.forEach(function (c) {
      var li = el("li", "conflict" + (c.resolved ? " resolved" : ""));
      var who = el("div", "who");
      who.appendChild(el("strong", "", c.subject));
      who.appendChild(el("span", "muted", c.area_label + " · " + c.time));
      who.appendChild(el("span", "conflict-message", c.message));
      if (c.resolved) who.appendChild(el("span", "present-note", "✓ " + TEXT.resolved + " — " + c.resolved_by + ": " + c.note));
      li.appendChild(who);
      if (!c.resolved && canResolve) {
        var button = el("button", "button small", TEXT.resolve);
        button.type = "button";
        button.dataset.api = "POST /offline-conflicts/" + c.id + "/resolve";
        button.dataset.prompt = "note";
        button.dataset.promptText = TEXT.ask;
        li.appendChild(button);
      }
      list.appendChild(li);
    });
  });
})();
