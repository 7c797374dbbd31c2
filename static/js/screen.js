// The big screen: rotate the event's slogans (khẩu hiệu) under the backdrop.
(function () {
  "use strict";
  var el = document.getElementById("slogan");
  if (!el) return;
  var slogans = JSON.parse(el.dataset.slogans || "[]");
  var index = 0;
  document.addEventListener("kiosk:state", function (e) {
    if (e.detail.event && e.detail.event.slogans) slogans = e.detail.event.slogans;
  });
  setInterval(function () {
    if (!slogans.length) return;
    index = (index + 1) % slogans.length;
    el.classList.add("fade");
    setTimeout(function () {
      el.textContent = slogans[index];
      el.classList.remove("fade");
    }, 400);
  }, 12000);
})();
