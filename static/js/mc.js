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
          pendingArea: "Danh sách sẽ hiện ở đây khi có dữ liệu.", notHere: "chưa có mặt" },
    en: { cues: "Cues: ", next: "Next: ", none: "No more items", read: "Read",
          introduction: "Delegates present (protocol order)", awards: "Award recipients",
          gifts: "Gift recipients", noneYet: "Nobody in the list yet.",
          pendingArea: "The list will show here once there is data.", notHere: "not in the hall" },
  }[live.lang];
  var seenMessages = {};
  var $ = function (id) { return document.getElementById(id); };

  var el = KioskLive.el;

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
    var titles = { introduction: TEXT.introduction, awards: TEXT.awards, gifts: TEXT.gifts };
    box.hidden = !titles[kind];
    if (!titles[kind]) return;
    $("mc-live-title").textContent = titles[kind];
    list.replaceChildren();
    if (kind === "introduction") return renderIntroduction(state.introduction, list);
    var stage = kind === "awards" ? state.stage_awards : state.stage_gifts;
    var names = stage && stage.names;
    if (stage && stage.announcement) list.appendChild(el("li", "intro-opening", stage.announcement));
    (names || []).forEach(function (n, i) {
      var li = el("li", "intro-person" + (n.outcome ? " read" : ""));
      li.appendChild(el("strong", "place", String(i + 1)));
      li.appendChild(el("span", "", n.line || n));
      if (n.present === false) li.appendChild(el("em", "warn-text", " — " + TEXT.notHere));
      list.appendChild(li);
    });
    $("mc-live-empty").textContent = !names ? TEXT.pendingArea : names.length ? "" : TEXT.noneYet;
  }

  // "Về phía lãnh đạo tỉnh, có: Đồng chí ..." in protocol order; the MC ticks each name as read.
  function renderIntroduction(intro, list) {
    var people = intro ? intro.groups.reduce(function (n, g) { return n + g.people.length; }, 0) : 0;
    $("mc-live-empty").textContent = people ? "" : TEXT.noneYet;
    if (!people) return;
    list.appendChild(el("li", "intro-opening", intro.opening));
    intro.groups.forEach(function (group) {
      list.appendChild(el("li", "intro-heading", group.heading));
      group.people.forEach(function (person) {
        var li = el("li", "intro-person" + (person.read ? " read" : ""));
        var tick = el("button", "tick", person.read ? "✓" : "");
        tick.type = "button";
        tick.setAttribute("aria-label", TEXT.read);
        tick.addEventListener("click", function () {
          live.api("POST", "/delegates/" + person.id + "/introduced", { read: !person.read });
        });
        li.appendChild(tick);
        li.appendChild(el("span", "", person.line));
        list.appendChild(li);
      });
    });
    list.appendChild(el("li", "intro-opening", intro.closing));
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
    if (state.forum_screen) {
      var current = state.forum_screen.current;
      $("mc-opinion").hidden = !current;
      if (current) {
        $("mc-opinion-text").textContent = current.text;
        $("mc-opinion-who").textContent = current.author + (current.address ? ", " + current.address : "");
      }
    }
    if (state.programme) renderScript(state);
    if (state.programme_staff) renderMessages(state.programme_staff);
  });
})();
