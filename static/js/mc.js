// The MC's page: the current item's script and cues, the next item, the
// organizers' messages (blinking when new), and the names to read for the
// current item (delegates present, award recipients, gift recipients).
(function () {
  "use strict";
  var live = KioskLive;
  var TEXT = {
    vi: { cues: "Chuẩn bị: ", next: "Tiếp theo: ", none: "Không còn mục nào", read: "Đã đọc",
          introduction: "Đại biểu có mặt (theo thứ tự lễ tân)", awards: "Danh sách nhận khen thưởng",
          gifts: "Danh sách nhận quà", noneYet: "Chưa có ai trong danh sách.",
          pendingArea: "Danh sách sẽ hiện ở đây khi có dữ liệu." },
    en: { cues: "Cues: ", next: "Next: ", none: "No more items", read: "Read",
          introduction: "Delegates present (protocol order)", awards: "Award recipients",
          gifts: "Gift recipients", noneYet: "Nobody in the list yet.",
          pendingArea: "The list will show here once there is data." },
  }[live.lang];
  var seenMessages = {};
  var $ = function (id) { return document.getElementById(id); };

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function renderScript(state) {
    var programme = state.programme, staff = state.programme_staff || { scripts: {} };
    var current = programme.items.filter(function (i) { return i.id === programme.live.current_item_id; })[0];
    var extra = current ? staff.scripts[current.id] || {} : {};
    $("mc-cues").textContent = extra.cues && extra.cues.length ? TEXT.cues + extra.cues.join(" · ") : "";
    $("mc-script").textContent = extra.script || "";
    $("mc-notes").textContent = extra.notes || "";
    var after = programme.items.filter(function (i) {
      return i.status === "pending" && (!current || i.number > current.number);
    })[0];
    $("mc-next").textContent = after ? after.number + ". " + after.title : TEXT.none;
    renderLiveData(state, current);
  }

  // The names the MC reads during this item, from the area that owns them.
  function renderLiveData(state, current) {
    var box = $("mc-live-data"), list = $("mc-live-list");
    var kind = current ? current.kind : null;
    var names = null, title = "";
    if (kind === "introduction") { title = TEXT.introduction; names = state.present_delegates && state.present_delegates.delegates; }
    else if (kind === "awards") { title = TEXT.awards; names = state.stage_awards && state.stage_awards.names; }
    else if (kind === "gifts") { title = TEXT.gifts; names = state.stage_gifts && state.stage_gifts.names; }
    box.hidden = !title;
    if (!title) return;
    $("mc-live-title").textContent = title;
    list.replaceChildren();
    (names || []).forEach(function (n) {
      var li = el("li", "", n.line || n);
      list.appendChild(li);
    });
    $("mc-live-empty").textContent = names === null || names === undefined ? TEXT.pendingArea : names.length ? "" : TEXT.noneYet;
  }

  function renderMessages(staff) {
    var box = $("mc-messages");
    box.replaceChildren();
    (staff.messages || []).forEach(function (m) {
      var note = el("div", "mc-message" + (seenMessages[m.id] ? "" : " blink"), m.text);
      seenMessages[m.id] = true;
      var read = el("button", "button small", TEXT.read);
      read.type = "button";
      read.addEventListener("click", function () { live.api("DELETE", "/mc-messages/" + m.id); });
      note.appendChild(read);
      box.appendChild(note);
    });
  }

  live.onState(function (state) {
    if (state.programme) renderScript(state);
    if (state.programme_staff) renderMessages(state.programme_staff);
  });
})();
