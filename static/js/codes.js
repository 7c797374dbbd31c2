// Badge (NHK1) and gift slip (NHQ1) codes checked in the browser, for a desk
// cut off from the server: `<scheme>.<event>.<id>.<version>.<signature>`, the
// signature Ed25519 over the text before the last dot (kiosk/delegates/codes.py).
// Only the event's PUBLIC key is on the tablet: a code can be verified here,
// never made. WebCrypto's Ed25519 where the browser has it (a secure context),
// else TweetNaCl (vendor/nacl-fast.min.js) when the page loads it.
(function () {
  "use strict";
  var PATTERN = /^(NHK1|NHQ1)\.([A-Z2-7]{8})\.([A-Z2-7]{10})\.([0-9]{1,6})\.([A-Za-z0-9_-]{86})$/;

  function unb64(text) {
    var plain = text.replace(/-/g, "+").replace(/_/g, "/");
    while (plain.length % 4) plain += "=";
    var raw = atob(plain), bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }

  function b64(bytes) {
    var raw = "";
    for (var i = 0; i < bytes.length; i++) raw += String.fromCharCode(bytes[i]);
    return btoa(raw).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  // The parts of a well-formed code of `scheme`, or null (as codes.parse does:
  // only the canonical text, a gift slip is no badge).
  function parse(code, scheme) {
    var m = PATTERN.exec(String(code || "").trim());
    if (!m || m[1] !== scheme) return null;
    var signature;
    try { signature = unb64(m[5]); } catch (e) { return null; }
    if (b64(signature) !== m[5] || String(parseInt(m[4], 10)) !== m[4]) return null;
    return { scheme: m[1], prefix: m[2], id: m[3], version: parseInt(m[4], 10),
             body: m[1] + "." + m[2] + "." + m[3] + "." + m[4], signature: signature };
  }

  var imported = {};
  function webCryptoVerify(publicKey, signature, data) {
    if (!window.crypto || !crypto.subtle) return Promise.reject(new Error("no WebCrypto"));
    imported[publicKey] = imported[publicKey] ||
      crypto.subtle.importKey("raw", unb64(publicKey), { name: "Ed25519" }, false, ["verify"]);
    return imported[publicKey].then(function (key) {
      return crypto.subtle.verify({ name: "Ed25519" }, key, signature, data);
    });
  }

  // true, false, or null when this browser cannot verify at all.
  function verifySignature(publicKey, parsed) {
    var data = new TextEncoder().encode(parsed.body);
    return webCryptoVerify(publicKey, parsed.signature, data).catch(function () {
      var nacl = window.nacl;
      if (nacl && nacl.sign && nacl.sign.detached) {
        return nacl.sign.detached.verify(data, parsed.signature, unb64(publicKey));
      }
      return null;
    });
  }

  // The verdict on a scanned code with the event's key ({public_key, event_prefix}):
  // {verdict: "ok" | "invalid" | "wrong_event" | "unverified", parsed}.
  // "wrong_event": a code of another event (or a forgery naming one); the tablet
  // holds only its own event's key, so it cannot tell which, and refuses both.
  function check(code, scheme, key) {
    var parsed = parse(code, scheme);
    if (!parsed) return Promise.resolve({ verdict: "invalid", parsed: null });
    if (!key || !key.public_key) return Promise.resolve({ verdict: "unverified", parsed: parsed });
    if (parsed.prefix !== key.event_prefix) return Promise.resolve({ verdict: "wrong_event", parsed: parsed });
    return verifySignature(key.public_key, parsed).then(function (valid) {
      return { verdict: valid === null ? "unverified" : valid ? "ok" : "invalid", parsed: parsed };
    });
  }

  // "Nguyễn Văn Đức" -> "nguyen van duc", as kiosk/text.py fold() does on the server.
  function fold(text) {
    return String(text || "").replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD")
      .replace(/\p{Mn}/gu, "").toLowerCase().split(/\s+/).filter(Boolean).join(" ");
  }

  // Rows whose folded name holds every word of the query, as the server's search does.
  function search(rows, query, limit) {
    var words = fold(query).split(" ").filter(Boolean);
    return rows.filter(function (row) {
      var name = row.search_name || fold(row.full_name || row.name);
      return words.every(function (w) { return name.indexOf(w) !== -1; });
    }).slice(0, limit || 20);
  }

  window.KioskCodes = { parse: parse, check: check, fold: fold, search: search };
})();
