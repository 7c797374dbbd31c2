// The tablet's outbox: every write a desk makes (a check-in, a hand-out, a
// counter tap, a citizen's opinion) is stored in the browser (IndexedDB) with
// its idempotency key, made once at the moment of the action, then sent. When
// the server is out of reach it stays there, a badge says "Mất kết nối — N thao
// tác đang chờ", and it is sent again, in order, on reconnecting (the browser's
// online event, the live channel's reconnect, or a retry every few seconds).
// It leaves the outbox only once the server has answered: a success or a
// definitive refusal, never a network error, a 5xx or an expired session. The
// server applies each exactly once (scan_id / request_id); a queued action is
// sent with `offline_at`, when it was made, so the server dates it then and
// records a conflict if another desk made the same hand-out meanwhile. Answers
// that come back after the page stopped waiting are listed on the page.
//
//   KioskOutbox.send(method, path, body, {label, queue}) → Promise of
//     {status, body}       answered by the server,
//     {queued: true}       kept for later ("Đã lưu, sẽ gửi khi có mạng"),
//     {offline: true}      unreachable and not kept (queue: false).
//   KioskOutbox.pending(), onChange(fn), onAnswer(fn(item, answer, late)),
//   connected(), flush(), snapshot(name), saveSnapshot(name, data), newId(), ready
//
// It also registers the service worker (static/sw.js) that keeps the desk
// pages on the tablet, and asks it to keep this account's desk pages.
(function () {
  "use strict";
  var slug = document.body.dataset.event || "";
  var lang = document.documentElement.lang === "en" ? "en" : "vi";
  var TEXT = {
    vi: { waiting: " thao tác đang chờ", offline: "Mất kết nối — ", sending: "Đang gửi lại — ",
          login: "Cần đăng nhập lại để gửi — ", late: "Đã gửi sau khi mất kết nối", hide: "Ẩn",
          sent: "Đã gửi.", refused: "Bị từ chối", logout: "Còn {n} thao tác chưa gửi được lên máy chủ. " +
          "Nếu đăng xuất, chúng sẽ được gửi khi có người đăng nhập lại trên máy này. Vẫn đăng xuất?" },
    en: { waiting: " actions waiting", offline: "Offline — ", sending: "Sending — ",
          login: "Log in again to send — ", late: "Sent after the connection came back", hide: "Hide",
          sent: "Sent.", refused: "Refused", logout: "{n} actions have not reached the server yet. " +
          "If you log out they are sent when someone logs in again on this tablet. Log out anyway?" },
  }[lang];
  var DB_NAME = "ngayhoi-kiosk", QUEUE = "outbox", DATA = "snapshots";
  var ANSWER_WAIT_MS = 4000, REQUEST_TIMEOUT_MS = 10000, RETRY_MIN_MS = 3000, RETRY_MAX_MS = 30000;
  // Refusals that will not change however often the action is sent again. A
  // 429 (a citizen sending too fast, even a send queued while cut off, judged by
  // when it was made) is final too: the person is told to wait, nothing is kept.
  var DEFINITIVE = [400, 403, 404, 405, 409, 410, 413, 422, 429];

  // ------------------------------------------------------------ IndexedDB

  var dbPromise = null;
  function database() {
    if (!dbPromise) {
      dbPromise = new Promise(function (resolve, reject) {
        var request = indexedDB.open(DB_NAME, 1);
        request.onupgradeneeded = function () {
          var db = request.result;
          if (!db.objectStoreNames.contains(QUEUE)) {
            db.createObjectStore(QUEUE, { keyPath: "id", autoIncrement: true }).createIndex("slug", "slug");
          }
          if (!db.objectStoreNames.contains(DATA)) db.createObjectStore(DATA, { keyPath: "key" });
        };
        request.onsuccess = function () { resolve(request.result); };
        request.onerror = function () { reject(request.error); };
      });
    }
    return dbPromise;
  }

  // One transaction; resolves with the last request's result once it is durable.
  function transact(store, mode, work) {
    return database().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(store, mode), result;
        var request = work(tx.objectStore(store));
        if (request) request.onsuccess = function () { result = request.result; };
        tx.oncomplete = function () { resolve(result); };
        tx.onerror = tx.onabort = function () { reject(tx.error); };
      });
    });
  }

  function queued() {
    return transact(QUEUE, "readonly", function (store) { return store.index("slug").getAll(slug); })
      .then(function (rows) { return (rows || []).sort(function (a, b) { return a.id - b.id; }); });
  }

  // ------------------------------------------------------------ the server's clock

  // Tablets' clocks are wrong: keep the offset to the server's Date header, so
  // `offline_at` is on the server's clock.
  var clockOffset = Number(localStorage.getItem("kiosk.clockOffset") || 0);
  function noteServerDate(response) {
    var date = Date.parse(response.headers.get("Date") || "");
    if (!isNaN(date)) {
      clockOffset = date - Date.now();
      localStorage.setItem("kiosk.clockOffset", String(clockOffset));
    }
  }
  function serverNowIso() { return new Date(Date.now() + clockOffset).toISOString(); }

  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  // ------------------------------------------------------------ talking to the server

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : "";
  }

  // {status, body, error} for an answer, rejects when the server is out of reach (or too slow).
  function request(method, url, body, timeoutMs) {
    var controller = window.AbortController ? new AbortController() : null;
    var timer = controller ? setTimeout(function () { controller.abort(); }, timeoutMs || REQUEST_TIMEOUT_MS) : null;
    return fetch(url, {
      method: method, credentials: "same-origin", signal: controller ? controller.signal : undefined,
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then(function (response) {
      clearTimeout(timer);
      noteServerDate(response);
      return response.text().then(function (text) {
        var parsed = {};
        try { parsed = text ? JSON.parse(text) : {}; } catch (e) { parsed = { message: text.slice(0, 200) }; }
        return { status: response.status, body: parsed };
      });
    }, function (error) { clearTimeout(timer); throw error; });
  }

  // The page's CSRF token went stale (the session changed): read a fresh one from
  // the page itself; false when the session is gone (the login form answered).
  function refreshToken() {
    return fetch(location.href, { credentials: "same-origin", cache: "no-store" }).then(function (response) {
      if (response.redirected || !response.ok) return false;
      return response.text().then(function (html) {
        var m = /<meta name="csrf-token" content="([^"]*)"/.exec(html);
        var meta = document.querySelector('meta[name="csrf-token"]');
        if (!m || !meta) return false;
        meta.content = m[1];
        return true;
      });
    }, function () { return false; });
  }

  // ------------------------------------------------------------ the queue

  var items = [];          // this event's queued actions, oldest first (a mirror of IndexedDB)
  var reachable = navigator.onLine !== false;  // did the last attempt reach the server?
  var needsLogin = false;
  var waiters = {};        // item id → resolve of the send() still waiting for its answer
  var changeListeners = [], answerListeners = [];
  var retryTimer = null, retryDelay = RETRY_MIN_MS;
  var running = null, again = false;

  function changed() {
    render();
    changeListeners.forEach(function (fn) { try { fn(items.slice()); } catch (e) { console.error(e); } });
  }

  function reload() {
    return queued().then(function (rows) { items = rows; changed(); return rows; });
  }

  // The tablet's other pages (the gate and the gift desk side by side) share the
  // outbox: tell them when it changes, so every badge shows the same count.
  var channel = window.BroadcastChannel ? new BroadcastChannel("kiosk-outbox:" + slug) : null;
  function tellOthers() { if (channel) channel.postMessage("changed"); }
  if (channel) channel.onmessage = function () { if (!running) reload(); };

  function remove(item) {
    return transact(QUEUE, "readwrite", function (store) { return store.delete(item.id); }).then(tellOthers);
  }

  function save(item) {
    return transact(QUEUE, "readwrite", function (store) { return store.put(item); });
  }

  function settle(item, answer) {
    var resolve = waiters[item.id];
    delete waiters[item.id];
    if (resolve) resolve(answer);
    return !!resolve;
  }

  // How an attempt ended: "done" (answered for good), "retry" (keep it, stop here).
  function attempt(item) {
    var body = item.offline ? Object.assign({}, item.body, { offline_at: item.made_at }) : item.body;
    return request(item.method, item.url, body).then(function (answer) {
      reachable = true;
      if (answer.status === 400 && answer.body.error === "csrf_failed") {
        return refreshToken().then(function (fresh) {
          if (!fresh) { needsLogin = true; return "retry"; }
          return request(item.method, item.url, body).then(function (second) {
            return classify(item, second);
          });
        });
      }
      return classify(item, answer);
    }, function () {
      reachable = false;
      return "retry";
    });
  }

  function classify(item, answer) {
    if (answer.status === 401) { needsLogin = true; return "retry"; }
    needsLogin = false;
    if (answer.status < 300 || DEFINITIVE.indexOf(answer.status) !== -1) {
      return remove(item).then(function () {
        items = items.filter(function (other) { return other.id !== item.id; });
        var waited = settle(item, answer);
        if (!waited) logLate(item, answer);
        answerListeners.forEach(function (fn) { try { fn(item, answer, !waited); } catch (e) { console.error(e); } });
        changed();
        return "done";
      });
    }
    return "retry";  // 5xx, 408...: the server is there but cannot take it now
  }

  // Send everything queued, oldest first, until done or the server is out of reach.
  function run() {
    return queued().then(function (rows) {
      items = rows;
      changed();
      if (!rows.length) return "empty";
      var item = rows[0];
      return attempt(item).then(function (outcome) {
        if (outcome === "done") return run();
        // Kept: everything still queued is now an offline action, dated when it was made.
        return Promise.all(items.filter(function (i) { return !i.offline; }).map(function (i) {
          i.offline = true;
          return save(i);
        })).then(function () {
          items.forEach(function (i) { settle(i, { queued: true, reason: needsLogin ? "login" : reachable ? "server" : "offline" }); });
          changed();
          return "stopped";
        });
      });
    });
  }

  function withLock(fn) {
    if (navigator.locks && navigator.locks.request) return navigator.locks.request("kiosk-outbox:" + slug, fn);
    return fn();
  }

  function flush() {
    if (running) { again = true; return running; }
    clearTimeout(retryTimer);
    running = withLock(run).catch(function (error) { console.error(error); return "stopped"; }).then(function (outcome) {
      running = null;
      if (again) { again = false; return flush(); }
      if (outcome === "stopped") {
        retryTimer = setTimeout(flush, retryDelay);
        retryDelay = Math.min(retryDelay * 2, RETRY_MAX_MS);
      } else {
        retryDelay = RETRY_MIN_MS;
      }
      return outcome;
    });
    return running;
  }

  function send(method, path, body, options) {
    options = options || {};
    var url = path.charAt(0) === "/" && path.indexOf("/api/") === 0 ? path : "/api/v1/events/" + slug + path;
    if (options.queue === false) {
      // Not kept: the person is waiting for the answer, so do not wait long for it.
      return request(method, url, body, ANSWER_WAIT_MS).then(function (answer) { reachable = true; changed(); return answer; },
        function () { reachable = false; changed(); return { offline: true }; });
    }
    var item = { slug: slug, method: method, url: url, path: path, body: body || {}, label: options.label || "",
                 made_at: serverNowIso(), offline: false };
    return transact(QUEUE, "readwrite", function (store) { return store.add(item); }).then(function (id) {
      item.id = id;
      items.push(item);
      changed();
      tellOthers();
      return new Promise(function (resolve) {
        waiters[id] = resolve;
        // A slow network: tell the person at once that it is kept, answer later in the list.
        setTimeout(function () { settle(item, { queued: true, reason: "slow" }); }, ANSWER_WAIT_MS);
        flush();
      });
    }, function () {
      // No IndexedDB (a private window): send straight away, as before.
      return request(method, url, body).catch(function () { return { offline: true }; });
    });
  }

  // ------------------------------------------------------------ on the page

  var badge = document.createElement("div");
  badge.className = "outbox-badge";
  badge.id = "outbox-badge";
  badge.setAttribute("role", "status");
  badge.setAttribute("aria-live", "polite");
  badge.hidden = true;
  document.body.appendChild(badge);

  var LOG_KEY = "kiosk.outboxLog:" + slug;
  var log = [];
  try { log = JSON.parse(localStorage.getItem(LOG_KEY) || "[]"); } catch (e) { log = []; }
  var logBox = document.createElement("section");
  logBox.className = "card outbox-log";
  logBox.id = "outbox-log";
  var logHead = document.createElement("div");
  logHead.className = "outbox-log-head";
  var logTitle = document.createElement("h2");
  logTitle.textContent = TEXT.late;
  var logHide = document.createElement("button");
  logHide.type = "button";
  logHide.className = "button small";
  logHide.textContent = TEXT.hide;
  logHide.addEventListener("click", function () { log = []; saveLog(); renderLog(); });
  logHead.appendChild(logTitle);
  logHead.appendChild(logHide);
  var logList = document.createElement("ul");
  logList.className = "outbox-log-list";
  logBox.appendChild(logHead);
  logBox.appendChild(logList);
  // Not on the citizens' pages: the next person at the hall's kiosk tablet must not read the last one's answers.
  var citizen = document.body.classList.contains("citizen") || document.body.classList.contains("self-service");
  var main = document.querySelector("main") || document.body;
  if (!citizen) main.insertBefore(logBox, main.firstChild);

  function saveLog() { localStorage.setItem(LOG_KEY, JSON.stringify(log.slice(0, 30))); }
  // Whichever page of the tablet sent it, every page lists the answer.
  window.addEventListener("storage", function (e) {
    if (e.key !== LOG_KEY) return;
    try { log = JSON.parse(e.newValue || "[]"); } catch (error) { log = []; }
    renderLog();
  });

  function logLate(item, answer) {
    var status = answer.status >= 400 ? "refused" : (answer.body && answer.body.status) || "ok";
    var message = (answer.body && answer.body.message) || (answer.status >= 400 ? TEXT.refused : TEXT.sent);
    log.unshift({ label: item.label, message: message, status: status, at: Date.now() });
    log = log.slice(0, 30);
    saveLog();
    renderLog();
  }

  function renderLog() {
    logList.replaceChildren();
    log.forEach(function (entry) {
      var li = document.createElement("li");
      li.className = "outbox-entry status-" + entry.status;
      var time = document.createElement("span");
      time.className = "muted";
      time.textContent = new Date(entry.at).toLocaleTimeString("vi-VN", { hour: "2-digit", minute: "2-digit",
                                                                           timeZone: "Asia/Ho_Chi_Minh" });
      li.appendChild(time);
      if (entry.label) {
        var label = document.createElement("strong");
        label.textContent = entry.label;
        li.appendChild(label);
      }
      var message = document.createElement("span");
      message.className = "outbox-message";
      message.textContent = entry.message;  // as text, never run
      li.appendChild(message);
      logList.appendChild(li);
    });
    logBox.hidden = !log.length;
  }

  function render() {
    var n = items.length;
    badge.hidden = n === 0;
    badge.classList.toggle("login", needsLogin);
    badge.classList.toggle("sending", reachable && !needsLogin);
    badge.textContent = (needsLogin ? TEXT.login : reachable ? TEXT.sending : TEXT.offline) + n + TEXT.waiting;
    badge.dataset.count = String(n);
  }

  // ------------------------------------------------------------ what a desk keeps

  function snapshot(name) {
    return transact(DATA, "readonly", function (store) { return store.get(slug + ":" + name); })
      .then(function (row) { return row ? row.data : null; }, function () { return null; });
  }

  function saveSnapshot(name, data) {
    return transact(DATA, "readwrite", function (store) {
      return store.put({ key: slug + ":" + name, data: data, saved_at: Date.now() });
    }).catch(function () {});
  }

  // ------------------------------------------------------------ the service worker

  var DESK_PAGES = ["checkin", "gifts/desk", "awards/stage", "counters"];
  var onDeskPage = slug && /^\/e\/[^/]+\/(checkin|gifts\/desk|awards\/stage|counters|y-kien)$/.test(location.pathname);

  // Never waits for ever: a worker that does not answer (stopped, replaced) gives null after `ms`.
  function within(ms, promise, fallback) {
    return Promise.race([promise, new Promise(function (resolve) { setTimeout(function () { resolve(fallback); }, ms); })]);
  }

  function tellWorker(worker, message) {
    return within(60000, new Promise(function (resolve) {
      var channel = new MessageChannel();
      channel.port1.onmessage = function (event) { resolve(event.data); };
      worker.postMessage(message, [channel.port2]);
    }), null);
  }

  var ready = Promise.resolve(false);
  if ("serviceWorker" in navigator && window.isSecureContext) {
    ready = navigator.serviceWorker.register("/sw.js", { scope: "/" }).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (registration) {
      if (!onDeskPage) return true;
      // This page, and (every ten minutes at most) the other desk pages of the
      // event: the worker keeps those this account may open.
      var urls = [location.href], keptKey = "kiosk.pagesKeptAt:" + slug;
      var last = Number(localStorage.getItem(keptKey) || 0);
      if (location.pathname.indexOf("/y-kien") === -1 && Date.now() - last > 600000) {
        localStorage.setItem(keptKey, String(Date.now()));
        urls = urls.concat(DESK_PAGES.map(function (p) { return location.origin + "/e/" + slug + "/" + p; }));
      }
      // After the page's own start (its live connection, its lists), not in the middle of it.
      var settled = new Promise(function (resolve) { setTimeout(resolve, 1500); });
      return settled.then(function () {
        return tellWorker(registration.active, { type: "keep", urls: urls });
      }).then(function () {
        if (navigator.serviceWorker.controller) return true;
        return within(30000, new Promise(function (resolve) {
          navigator.serviceWorker.addEventListener("controllerchange", function () { resolve(true); });
        }), false);
      });
    }).catch(function (error) { console.warn("service worker:", error); return false; });
  }

  // Log-out: the desk pages kept for this account go; queued actions stay (said first).
  var logout = document.querySelector("form.logout");
  if (logout) {
    logout.addEventListener("submit", function (e) {
      if (items.length && !window.confirm(TEXT.logout.replace("{n}", items.length))) { e.preventDefault(); return; }
      if (navigator.serviceWorker && navigator.serviceWorker.controller) {
        navigator.serviceWorker.controller.postMessage({ type: "forget" });
      }
      transact(DATA, "readwrite", function (store) { return store.clear(); }).catch(function () {});
    });
  }

  // ------------------------------------------------------------ when to send again

  window.addEventListener("online", function () { retryDelay = RETRY_MIN_MS; flush(); });
  window.addEventListener("offline", function () { reachable = false; render(); });
  document.addEventListener("visibilitychange", function () { if (!document.hidden) flush(); });
  if (window.KioskLive && KioskLive.socket) {
    KioskLive.socket.on("connect", function () { retryDelay = RETRY_MIN_MS; flush(); });
  }

  renderLog();
  reload().then(function (rows) {
    // Anything found here was kept by an earlier visit: it is an offline action now.
    rows.forEach(function (i) { if (!i.offline) { i.offline = true; save(i); } });
    if (rows.length) flush();
  }).catch(function (error) { console.warn("outbox:", error); });

  window.KioskOutbox = {
    send: send,
    flush: flush,
    pending: function () { return items.slice(); },
    onChange: function (fn) { changeListeners.push(fn); },
    onAnswer: function (fn) { answerListeners.push(fn); },
    connected: function () { return reachable && navigator.onLine !== false; },
    snapshot: snapshot,
    saveSnapshot: saveSnapshot,
    newId: newId,
    ready: ready,
  };
})();
