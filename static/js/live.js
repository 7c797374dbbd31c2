// Live state for every page: connect to the event's channel, keep the whole
// state the server sends, and write it into elements marked data-live="part.key".
// The server sends everything on (re)connect, so a screen is never stale.
// Pages add their own rendering with KioskLive.onState(fn).
(function () {
  "use strict";
  var slug = document.body.dataset.event;
  var state = {};
  var listeners = [];
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
    listeners.forEach(function (fn) { fn(state); });
  }

  // A part's version, where it has one (the programme's live state, the award stage).
  function versionOf(part) {
    if (!part) return undefined;
    if (part.version !== undefined) return part.version;
    return part.live ? part.live.version : undefined;
  }

  // A command's answer and the broadcast of the same change race each other:
  // never let an older state arrive last and take the screen back.
  function apply(parts) {
    Object.keys(parts).forEach(function (name) {
      var incoming = versionOf(parts[name]), current = versionOf(state[name]);
      if (incoming !== undefined && current !== undefined && incoming < current) return;
      state[name] = parts[name];
    });
    render();
  }

  function showStatus(online) {
    if (!statusEl) return;
    statusEl.hidden = false;
    statusEl.textContent = online ? TEXT[lang].online : TEXT[lang].offline;
    statusEl.classList.toggle("offline", !online);
  }

  var initial = document.getElementById("initial-state");
  if (initial) apply(JSON.parse(initial.textContent));

  var socket = null;
  if (slug && typeof io !== "undefined") {
    // WebSocket only: no long-polling, so any server process can take the
    // connection (no sticky sessions behind a proxy; see README, deployment).
    socket = io({ auth: { event: slug }, transports: ["websocket"] });
    socket.on("connect", function () { showStatus(true); });
    socket.on("disconnect", function () { showStatus(false); });
    socket.on("connect_error", function () { showStatus(false); });
    socket.on("state", apply);
  }

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : "";
  }

  // JSON call to /api/v1 with the session cookie and CSRF token; resolves to
  // {status, body} whatever the status, rejects only when the server is unreachable.
  function api(method, path, body) {
    return fetch("/api/v1/events/" + slug + path, {
      method: method,
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then(function (response) {
      return response.text().then(function (text) {
        return { status: response.status, body: text ? JSON.parse(text) : {} };
      });
    });
  }

  // A write a desk makes: through the tablet's outbox (static/js/outbox.js) when
  // the page has it, so it is kept and sent again if the server is out of reach.
  // Resolves to {status, body}, or {queued: true} when kept for later.
  function send(method, path, body, options) {
    if (window.KioskOutbox) return window.KioskOutbox.send(method, path, body, options);
    return api(method, path, body);
  }

  // An element with its text set as text: names and opinions are shown as typed, never run.
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  window.KioskLive = {
    el: el,
    socket: socket,
    state: state,
    apply: apply,
    api: api,
    send: send,
    lang: lang,
    onState: function (fn) { listeners.push(fn); if (Object.keys(state).length) fn(state); },
  };
})();
