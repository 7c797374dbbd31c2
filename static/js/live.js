// Live state for every page: connect to the event's channel, keep the whole
// state the server sends, and write it into elements marked data-live="part.key".
// The server sends everything on (re)connect, so a screen is never stale.
(function () {
  "use strict";
  var slug = document.body.dataset.event;
  if (!slug || typeof io === "undefined") return;

  var state = {};
  var statusEl = document.getElementById("live-status");
  var lang = document.documentElement.lang === "en" ? "en" : "vi";
  var TEXT = {
    vi: { online: "Trực tuyến", offline: "Mất kết nối — đang kết nối lại…" },
    en: { online: "Live", offline: "Connection lost — reconnecting…" },
  };

  function lookup(path) {
    return path.split(".").reduce(function (value, key) {
      return value == null ? undefined : value[key];
    }, state);
  }

  function money(amount) {
    return String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, ".") + " đ";
  }

  function render() {
    document.querySelectorAll("[data-live]").forEach(function (el) {
      var value = lookup(el.dataset.live);
      if (value === undefined) return;
      if (value === null || value === "") value = el.dataset.empty || "";
      else if (el.dataset.format === "money") value = money(value);
      // textContent, never innerHTML: names and opinions show literally.
      el.textContent = value;
    });
    document.dispatchEvent(new CustomEvent("kiosk:state", { detail: state }));
  }

  function showStatus(online) {
    if (!statusEl) return;
    statusEl.hidden = false;
    statusEl.textContent = online ? TEXT[lang].online : TEXT[lang].offline;
    statusEl.classList.toggle("offline", !online);
  }

  var socket = io({ auth: { event: slug } });
  socket.on("connect", function () { showStatus(true); });
  socket.on("disconnect", function () { showStatus(false); });
  socket.on("connect_error", function () { showStatus(false); });
  socket.on("state", function (parts) {
    Object.keys(parts).forEach(function (name) { state[name] = parts[name]; });
    render();
  });
  window.kioskLive = { socket: socket, state: state };
})();
