// Phần hội stations: one tap per person served or item received, with undo.
(function () {
  "use strict";
  var live = KioskLive, el = live.el, $ = function (id) { return document.getElementById(id); };
  var TEXT = { vi: { undo: "Bớt 1 (hoàn tác)", offline: "Không kết nối được máy chủ." },
               en: { undo: "Undo 1", offline: "Cannot reach the server." } }[live.lang];

  function tap(activity, delta) {
    live.api("POST", "/counters/" + activity.id, { delta: delta, request_id: KioskScanner.newId(),
                                                   device: localStorage.getItem("kiosk.device") || "" })
      .then(function (answer) {
        $("counter-error").hidden = answer.status < 400;
        $("counter-error").textContent = answer.status >= 400 ? answer.body.message : "";
      }, function () { $("counter-error").hidden = false; $("counter-error").textContent = TEXT.offline; });
  }

  live.onState(function (state) {
    if (!state.counters) return;
    var box = $("counters");
    box.replaceChildren();
    state.counters.activities.forEach(function (a) {
      var card = el("section", "card counter");
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
      card.appendChild(minus);
      box.appendChild(card);
    });
  });
})();
