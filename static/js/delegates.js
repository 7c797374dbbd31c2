// The organizer's delegate list: add, edit, reissue a badge, undo a check-in,
// delete; the leaders not yet arrived, live.
(function () {
  "use strict";
  var live = KioskLive;
  var TEXT = {
    vi: { reissue: "Cấp thẻ mới? Mã trên thẻ cũ sẽ không dùng được nữa.", undoReason: "Lý do hủy điểm danh:",
          remove: "Xóa đại biểu này?", reissued: "Đã cấp mã mới. In lại thẻ cho đại biểu." },
    en: { reissue: "Issue a new badge? The old badge's code stops working.", undoReason: "Reason for undoing:",
          remove: "Delete this delegate?", reissued: "New code issued. Reprint the badge." },
  }[live.lang];
  var dialog = document.getElementById("delegate-dialog");
  var form = document.getElementById("delegate-form");
  var editing = null;

  function open(fields, id) {
    editing = id;
    ["honorific", "full_name", "position", "organization", "level", "group", "seat", "phone", "notes"].forEach(function (name) {
      if (fields[name] !== undefined) form[name].value = fields[name] || "";
    });
    form.rank_override.value = fields.rank_override === null || fields.rank_override === undefined ? "" : fields.rank_override;
    form.is_leader.checked = !!fields.is_leader;
    document.getElementById("delegate-error").hidden = true;
    dialog.showModal();
  }

  function done(answer) {
    if (answer.status >= 400) {
      var box = document.getElementById("delegate-error");
      if (dialog.open) { box.textContent = answer.body.message; box.hidden = false; }
      else window.alert(answer.body.message);
      return;
    }
    window.location.reload();
  }

  document.getElementById("add-delegate").addEventListener("click", function () {
    form.reset();
    open({ honorific: "Đồng chí", level: "xa", group: "citizen" }, null);
  });

  form.addEventListener("submit", function (e) {
    if (e.submitter && e.submitter.value === "cancel") return;
    e.preventDefault();
    var body = {};
    ["honorific", "full_name", "position", "organization", "level", "group", "seat", "phone", "notes"].forEach(function (name) {
      body[name] = form[name].value;
    });
    body.rank_override = form.rank_override.value === "" ? null : parseInt(form.rank_override.value, 10);
    body.is_leader = form.is_leader.checked;
    live.api(editing ? "PATCH" : "POST", editing ? "/delegates/" + editing : "/delegates", body).then(done);
  });

  document.getElementById("delegates").addEventListener("click", function (e) {
    var button = e.target.closest("button[data-action]");
    if (!button) return;
    var row = button.closest("tr");
    var id = parseInt(row.dataset.delegate, 10);
    var action = button.dataset.action;
    if (action === "edit") open(JSON.parse(row.dataset.fields), id);
    if (action === "reissue" && window.confirm(TEXT.reissue)) {
      live.api("POST", "/delegates/" + id + "/reissue").then(function (answer) {
        if (answer.status === 200) window.alert(TEXT.reissued);
      });
    }
    if (action === "undo") {
      var reason = window.prompt(TEXT.undoReason);
      if (reason && reason.trim()) live.api("POST", "/checkins/" + id + "/undo", { reason: reason }).then(done);
    }
    if (action === "delete" && window.confirm(TEXT.remove)) live.api("DELETE", "/delegates/" + id).then(done);
  });

  live.onState(function (state) {
    var detail = state.attendance_detail;
    if (!detail) return;
    var list = document.getElementById("leaders-missing");
    list.replaceChildren();
    detail.leaders_missing.forEach(function (leader) {
      var li = document.createElement("li");
      var said = leader.office || leader.position;
      li.textContent = leader.name + (said ? ", " + said : "");
      list.appendChild(li);
    });
  });
})();
