// The organizer's tablet: live commands, editing the programme, messages to
// the MC, the big screen and the phần hội activities. Every change goes
// through /api/v1; every screen (this one too) hears the result live.
(function () {
  "use strict";
  var live = KioskLive;
  var lang = live.lang;
  var TEXT = {
    vi: { goto: "Chuyển đến", edit: "Sửa", remove: "Xóa", up: "Lên", down: "Xuống", optional: "nếu có",
          min: "phút", late: "dự kiến trễ giờ cố định", confirmRemove: "Xóa mục này khỏi chương trình?",
          offline: "Không kết nối được máy chủ. Thao tác chưa được gửi.", dismiss: "Đã đọc",
          status: { pending: "", current: "Đang diễn ra", done: "Đã xong", skipped: "Đã bỏ qua" } },
    en: { goto: "Go to", edit: "Edit", remove: "Delete", up: "Up", down: "Down", optional: "optional",
          min: "min", late: "projected after its fixed time", confirmRemove: "Delete this item?",
          offline: "Cannot reach the server. Nothing was sent.", dismiss: "Read",
          status: { pending: "", current: "Now", done: "Done", skipped: "Skipped" } },
  }[lang];
  var errorBox = document.getElementById("command-error");

  function showError(message) {
    errorBox.textContent = message;
    errorBox.hidden = !message;
    if (message) setTimeout(function () { errorBox.hidden = true; }, 6000);
  }

  function call(method, path, body) {
    return live.api(method, path, body).then(function (answer) {
      if (answer.body.programme) live.apply({ programme: answer.body.programme });
      showError(answer.status >= 400 ? answer.body.message : "");
      return answer;
    }, function () { showError(TEXT.offline); return { status: 0, body: {} }; });
  }

  function command(name, extra) {
    var body = { command: name, expected_item: live.state.programme.live.current_item_id };
    Object.keys(extra || {}).forEach(function (k) { body[k] = extra[k]; });
    return call("POST", "/programme/commands", body);
  }

  document.querySelectorAll("[data-command]").forEach(function (button) {
    button.addEventListener("click", function () {
      var extra = button.dataset.seconds ? { seconds: parseInt(button.dataset.seconds, 10) } : {};
      command(button.dataset.command, extra);
    });
  });

  var el = KioskLive.el;

  function smallButton(label, onClick, className) {
    var b = el("button", "button small " + (className || ""), label);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  function renderButtons(programme) {
    var status = programme.live.status;
    var current = programme.items.filter(function (i) { return i.id === programme.live.current_item_id; })[0];
    var show = {
      start: status === "idle", next: status === "running" || status === "paused",
      previous: status === "running" || status === "paused", pause: status === "running", resume: status === "paused",
      add_time: !!current, skip: !!(current && current.optional), end: status === "running" || status === "paused",
    };
    document.querySelectorAll("[data-command]").forEach(function (b) { b.hidden = !show[b.dataset.command]; });
  }

  function renderItems(programme) {
    var list = document.getElementById("programme-items");
    list.replaceChildren();
    programme.items.forEach(function (item) {
      var li = el("li", "programme-item status-" + item.status);
      li.dataset.itemId = item.id;
      li.appendChild(el("span", "number", item.number + "."));
      var body = el("div", "item-body");
      var title = el("strong", "item-title", item.title);
      body.appendChild(title);
      if (item.optional) body.appendChild(el("em", "muted", " (" + TEXT.optional + ")"));
      var meta = [Math.round((item.planned_seconds + item.added_seconds) / 60) + " " + TEXT.min, item.kind_label];
      if (item.hard_start) meta.push("⏰ " + item.hard_start);
      if (item.projected_start && item.status === "pending") meta.push("→ " + KioskClock.clockTime(Date.parse(item.projected_start)));
      if (TEXT.status[item.status]) meta.push(TEXT.status[item.status]);
      body.appendChild(el("div", "muted", meta.join(" · ")));
      if (item.late_for_hard_start) body.appendChild(el("div", "warn-text", "⚠ " + TEXT.late));
      li.appendChild(body);
      var actions = el("div", "item-actions");
      if (item.status !== "current") {
        actions.appendChild(smallButton(TEXT.goto, function () { command("goto", { item: item.id }); }, "primary"));
      }
      actions.appendChild(smallButton("↑", function () { call("POST", "/programme/items/" + item.id + "/move", { offset: -1 }); }));
      actions.appendChild(smallButton("↓", function () { call("POST", "/programme/items/" + item.id + "/move", { offset: 1 }); }));
      actions.appendChild(smallButton(TEXT.edit, function () { openEditor(item); }));
      if (item.status !== "current") {
        actions.appendChild(smallButton(TEXT.remove, function () {
          if (window.confirm(TEXT.confirmRemove)) call("DELETE", "/programme/items/" + item.id);
        }));
      }
      li.appendChild(actions);
      list.appendChild(li);
    });
  }

  function renderMessages(staff) {
    var list = document.getElementById("mc-messages");
    list.replaceChildren();
    (staff.messages || []).forEach(function (m) {
      var li = el("li", "message", m.text);
      li.appendChild(smallButton(TEXT.dismiss, function () { call("DELETE", "/mc-messages/" + m.id); }));
      list.appendChild(li);
    });
  }

  function renderActivities(activities) {
    var list = document.getElementById("activities");
    list.replaceChildren();
    activities.items.forEach(function (a) {
      var li = el("li", "activity", a.name + (a.starts ? " · " + a.starts + "–" + a.ends : "") + (a.place ? " · " + a.place : ""));
      li.appendChild(smallButton(TEXT.remove, function () { call("DELETE", "/activities/" + a.id); }));
      list.appendChild(li);
    });
  }

  live.onState(function (state) {
    if (state.programme) { renderButtons(state.programme); renderItems(state.programme); }
    if (state.programme_staff) renderMessages(state.programme_staff);
    if (state.activities) renderActivities(state.activities);
    if (state.screen) document.getElementById("screen-blackout").checked = state.screen.blackout;
  });

  // Editing one item in a dialog.
  var dialog = document.getElementById("item-dialog");
  var form = document.getElementById("item-form");
  var editing = null;

  function openEditor(item) {
    editing = item;
    var extra = (live.state.programme_staff.scripts || {})[item.id] || {};
    form.title.value = item.title;
    form.kind.value = item.kind;
    form.minutes.value = item.planned_seconds / 60;
    form.hard_start.value = item.hard_start || "";
    form.optional.checked = item.optional;
    form.speaker.value = item.speaker || "";
    form.script.value = extra.script || "";
    form.cues.value = (extra.cues || []).join(", ");
    form.notes.value = extra.notes || "";
    document.getElementById("item-error").hidden = true;
    document.getElementById("video-form").hidden = item.kind !== "video";
    document.getElementById("video-form").action = "/e/" + document.body.dataset.event + "/programme/items/" + item.id + "/video";
    dialog.showModal();
  }

  form.addEventListener("submit", function (e) {
    if (e.submitter && e.submitter.value === "cancel") return;
    e.preventDefault();
    live.api("PATCH", "/programme/items/" + editing.id, {
      title: form.title.value, kind: form.kind.value, planned_seconds: Math.round(parseFloat(form.minutes.value) * 60),
      hard_start: form.hard_start.value || null, optional: form.optional.checked, speaker: form.speaker.value,
      script: form.script.value, cues: form.cues.value, notes: form.notes.value,
    }).then(function (answer) {
      if (answer.status >= 400) {
        var box = document.getElementById("item-error");
        box.textContent = answer.body.message;
        box.hidden = false;
      } else {
        dialog.close();
      }
    });
  });

  document.getElementById("add-item-form").addEventListener("submit", function (e) {
    e.preventDefault();
    var f = e.target;
    call("POST", "/programme/items", { title: f.title.value, kind: f.kind.value, optional: f.optional.checked,
                                       planned_seconds: Math.round(parseFloat(f.minutes.value) * 60) })
      .then(function (answer) { if (answer.status === 201) f.reset(); });
  });

  document.getElementById("mc-message-form").addEventListener("submit", function (e) {
    e.preventDefault();
    call("POST", "/mc-messages", { text: e.target.text.value }).then(function (answer) {
      if (answer.status === 201) e.target.reset();
    });
  });

  var screenForm = document.getElementById("screen-form");
  screenForm.addEventListener("submit", function (e) {
    e.preventDefault();
    call("PUT", "/screen", { message: screenForm.message.value });
  });
  document.getElementById("screen-clear").addEventListener("click", function () {
    screenForm.message.value = "";
    call("PUT", "/screen", { message: "" });
  });
  document.getElementById("screen-blackout").addEventListener("change", function (e) {
    call("PUT", "/screen", { blackout: e.target.checked });
  });

  document.getElementById("activity-form").addEventListener("submit", function (e) {
    e.preventDefault();
    var f = e.target;
    call("POST", "/activities", { name: f.name.value, place: f.place.value, kind: f.kind.value,
                                  count_label: f.count_label.value,
                                  starts_at: f.starts_at.value || null, ends_at: f.ends_at.value || null })
      .then(function (answer) { if (answer.status === 201) f.reset(); });
  });

  document.getElementById("settings-form").addEventListener("submit", function (e) {
    e.preventDefault();
    call("PUT", "/programme/settings", { ceremony_start: e.target.ceremony_start.value || null });
  });
  document.getElementById("template-form").addEventListener("submit", function (e) {
    e.preventDefault();
    call("POST", "/programme/template", { template: e.target.template.value });
  });
})();
