// The kiosk's service worker: keeps the desk pages (check-in, gift desk, award
// stage, counters, the citizens' opinion form) and every script, style sheet
// and font on the tablet, so a desk keeps working when the Wi-Fi drops.
// Served at /sw.js by the kiosk, which puts self.KIOSK = {version, assets,
// pages} before this file: a new kiosk version is a new worker.
//
// - Static files: from the tablet's copy (fetched at install), network if missing.
// - Desk pages: the network first (a few seconds at most), else the copy kept
//   from the last visit. Other pages are never kept.
// - Writes (POST, PUT...) and /api/ calls are never touched: the page's outbox
//   (static/js/outbox.js) queues writes itself.
"use strict";

var CONFIG = self.KIOSK || { version: "dev", assets: [], pages: [] };
var STATIC_CACHE = "kiosk-static-" + CONFIG.version;
var PAGE_CACHE = "kiosk-pages";
var PAGES = CONFIG.pages.map(function (pattern) { return new RegExp(pattern); });
var NETWORK_WAIT_MS = 4000;

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(STATIC_CACHE).then(function (cache) {
    // One by one: a missing file must not stop the others from being kept.
    return Promise.all(CONFIG.assets.map(function (url) {
      return fetch(url, { cache: "no-cache" }).then(function (response) {
        if (response.ok) return cache.put(url, response);
      }).catch(function () {});
    }));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf("kiosk-static-") === 0 && name !== STATIC_CACHE;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

function isDeskPage(url) {
  return url.origin === self.location.origin && PAGES.some(function (re) { return re.test(url.pathname); });
}

// A page worth keeping: the page itself, not the login form it redirected to.
function keepable(response) {
  return response && response.status === 200 && !response.redirected && response.type === "basic";
}

function offlinePage() {
  var html = '<!doctype html><html lang="vi"><meta charset="utf-8"><meta name="viewport" content="width=device-width">' +
    "<title>Mất kết nối</title><body style=\"font-family:sans-serif;padding:2rem\">" +
    "<h1>Mất kết nối với máy chủ</h1><p>Trang này chưa được lưu trên máy để dùng khi mất mạng. " +
    "Hãy thử lại khi có kết nối.</p><p lang=\"en\"><em>Offline: this page has not been kept on this tablet.</em></p>" +
    '<p><button onclick="location.reload()">Thử lại</button></p></body></html>';
  return new Response(html, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

function kept(request) {
  return caches.open(PAGE_CACHE).then(function (cache) {
    return cache.match(request.url).then(function (hit) {
      return hit || cache.match(request.url, { ignoreSearch: true });
    });
  });
}

// The network first; the kept copy when the server is out of reach or slow.
function deskPage(event) {
  var request = event.request;
  var fromNetwork = fetch(request).then(function (response) {
    if (keepable(response)) {
      var copy = response.clone();
      event.waitUntil(caches.open(PAGE_CACHE).then(function (cache) { return cache.put(request.url, copy); }));
    }
    return response;
  });
  var slow = new Promise(function (resolve) { setTimeout(resolve, NETWORK_WAIT_MS); });
  return Promise.race([fromNetwork.catch(function () { return null; }), slow.then(function () { return null; })])
    .then(function (response) {
      if (response && response.status < 500) return response;
      return kept(request).then(function (hit) {
        if (hit) return hit;
        // Nothing kept: wait for the network after all, or say so.
        return fromNetwork.catch(function () { return offlinePage(); });
      });
    });
}

function staticFile(request) {
  var url = new URL(request.url);
  return caches.open(STATIC_CACHE).then(function (cache) {
    return cache.match(url.pathname).then(function (hit) {
      return hit || fetch(request);
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return; // writes always go to the server (or the page's outbox)
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    if (isDeskPage(url)) event.respondWith(deskPage(event));
    return;
  }
  if (CONFIG.assets.indexOf(url.pathname) !== -1) event.respondWith(staticFile(request));
});

// From the pages: "keep" the desk pages this account can open (so the gift desk
// works offline even if it was only ever opened online from the menu), and
// "forget" them all at log-out. Answers on the message's port when done.
self.addEventListener("message", function (event) {
  var data = event.data || {};
  var port = event.ports && event.ports[0];
  var done;
  if (data.type === "keep") {
    var urls = (data.urls || []).filter(function (u) { return isDeskPage(new URL(u, self.location.origin)); });
    // One page after the other: each one computes the event's whole live state on the server.
    done = caches.open(PAGE_CACHE).then(function (cache) {
      var kept = [];
      return urls.reduce(function (previous, u) {
        return previous.then(function () {
          // Bounded: a page the server is slow to give is skipped, not waited for.
          var abort = new AbortController(), timer = setTimeout(function () { abort.abort(); }, 20000);
          return fetch(u, { credentials: "same-origin", signal: abort.signal }).then(function (response) {
            clearTimeout(timer);
            if (!keepable(response)) return;
            return cache.put(new URL(u, self.location.origin).href, response).then(function () { kept.push(u); });
          }).catch(function () {});
        });
      }, Promise.resolve()).then(function () { return kept; });
    });
  } else if (data.type === "forget") {
    done = caches.delete(PAGE_CACHE).then(function () { return []; });
  } else {
    return;
  }
  event.waitUntil(done.then(function (result) { if (port) port.postMessage({ ok: true, kept: result }); }));
});
