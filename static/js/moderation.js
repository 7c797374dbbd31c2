// The organizers' live queue of citizens' opinions: approve or hide, put one
// on the big screen, record the officer's answer or the unit that answers in
// writing, merge duplicates, correct spelling (the original is kept).
(function () {
  "use strict";
  var live = KioskLive, el = live.el, $ = function (id) { return document.getElementById(id); };
  var TEXT = {
    vi: { approve: "Duyệt", hide: "Ẩn", show: "Lên màn hình", answer: "Đã trả lời", written: "Trả lời bằng văn bản",
          reopen: "Mở lại", edit: "Sửa chính tả", merge: "Gộp vào…", flagged: "⚠ Có từ cần xem xét",
          reviewed: "Ý kiến có từ cần xem xét. Đã đọc kỹ và vẫn duyệt?", answeredBy: "Cán bộ trả lời (họ tên, chức vụ):",
          note: "Tóm tắt nội dung trả lời:", unit: "Đơn vị trả lời bằng văn bản:", deadline: "Hạn trả lời (yyyy-mm-dd):",
          newText: "Nội dung sau khi sửa chính tả:", mergeInto: "Gộp vào ý kiến số:", original: "Bản gốc: ",
          merged: "ý kiến trùng đã gộp", empty: "Chưa có ý kiến nào." },
    en: { approve: "Approve", hide: "Hide", show: "On screen", answer: "Answered", written: "Answer in writing",
          reopen: "Reopen", edit: "Fix spelling", merge: "Merge into…", flagged: "⚠ Contains a review word",
          reviewed: "Contains a review word. Read carefully and approve?", answeredBy: "Answering officer:",
          note: "Summary of the answer:", unit: "Unit answering in writing:", deadline: "Deadline (yyyy-mm-dd):",
          newText: "Text with spelling fixed:", mergeInto: "Merge into opinion no.:", original: "Original: ",
          merged: "duplicates merged", empty: "No opinions yet." },
  }[live.lang];
  var ACTIONS = {
    new: ["approve", "hide", "show", "answer", "written"], approved: ["show", "answer", "written", "hide"],
    on_screen: ["answer", "written", "hide"], hidden: ["approve", "reopen"], answered: ["show", "reopen"],
    written: ["show", "reopen"], merged: ["reopen"],
  };
  var filter = "open";

  function error(message) { $("forum-error").textContent = message || ""; $("forum-error").hidden = !message; }

  function call(method, path, body) {
    live.api(method, path, body).then(function (answer) { error(answer.status >= 400 ? answer.body.message : ""); });
  }

  function act(opinion, action) {
    var body = { action: action };
    if ((action === "approve" || action === "show") && opinion.flagged) {
      if (!window.confirm(TEXT.reviewed)) return;
      body.reviewed = true;
    }
    if (action === "answer") {
      body.answered_by = window.prompt(TEXT.answeredBy) || "";
      if (!body.answered_by.trim()) return;
      body.answer_note = window.prompt(TEXT.note) || "";
    }
    if (action === "written") {
      body.responsible_unit = window.prompt(TEXT.unit) || "";
      if (!body.responsible_unit.trim()) return;
      body.deadline = window.prompt(TEXT.deadline) || "";
    }
    call("POST", "/opinions/" + opinion.id + "/moderate", body);
  }

  function button(label, onClick, extra) {
    var b = el("button", "button small " + (extra || ""), label);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  function render(queue) {
    var list = $("queue");
    list.replaceChildren();
    var shown = queue.opinions.filter(function (o) {
      if (filter === "open") return ["new", "approved", "on_screen"].indexOf(o.status) >= 0;
      if (filter === "done") return o.status === "answered" || o.status === "written";
      return true;
    });
    if (!shown.length) list.appendChild(el("li", "muted", TEXT.empty));
    shown.forEach(function (o) {
      var li = el("li", "opinion status-" + o.status);
      li.appendChild(el("div", "muted", "#" + o.id + " · " + o.time + " · " + o.topic_label + " · " + o.status_label +
                                         (o.merged_count ? " · +" + o.merged_count + " " + TEXT.merged : "")));
      if (o.flagged) li.appendChild(el("div", "flag", TEXT.flagged));
      li.appendChild(el("p", "text", o.text));
      if (o.edited) li.appendChild(el("p", "muted", TEXT.original + o.original_text));
      li.appendChild(el("div", "muted", [o.author, o.address, o.phone].filter(Boolean).join(" · ")));
      if (o.answered_by) li.appendChild(el("div", "present-note", "✓ " + o.answered_by + (o.answer_note ? ": " + o.answer_note : "")));
      if (o.responsible_unit) li.appendChild(el("div", "warn-text", o.responsible_unit + (o.deadline ? " — " + o.deadline : "")));
      var actions = el("div", "actions");
      (ACTIONS[o.status] || []).forEach(function (action) {
        actions.appendChild(button(TEXT[action], function () { act(o, action); }, action === "show" ? "primary" : ""));
      });
      actions.appendChild(button(TEXT.edit, function () {
        var text = window.prompt(TEXT.newText, o.text);
        if (text && text.trim()) call("PATCH", "/opinions/" + o.id, { text: text });
      }));
      if (o.status !== "merged") {
        actions.appendChild(button(TEXT.merge, function () {
          var into = parseInt(window.prompt(TEXT.mergeInto) || "", 10);
          if (into) call("POST", "/opinions/" + o.id + "/merge", { into: into });
        }));
      }
      li.appendChild(actions);
      list.appendChild(li);
    });
  }

  function renderSurvey(survey) {
    var chart = $("survey-chart");
    chart.replaceChildren();
    survey.questions.forEach(function (q) {
      var row = el("div", "arrival");
      row.appendChild(el("span", "arrival-time", q.satisfied === null ? "—" : Math.round(q.satisfied * 100) + "%"));
      var bar = el("span", "arrival-bar");
      bar.style.width = (q.satisfied === null ? 0 : Math.round(q.satisfied * 100)) + "%";
      row.appendChild(bar);
      row.appendChild(el("span", "", ""));
      row.title = q.text;
      chart.appendChild(el("div", "muted", q.text));
      chart.appendChild(row);
    });
  }

  $("filters").addEventListener("click", function (e) {
    var b = e.target.closest("button[data-filter]");
    if (!b) return;
    filter = b.dataset.filter;
    document.querySelectorAll("#filters button").forEach(function (x) { x.classList.toggle("primary", x === b); });
    if (live.state.forum_queue) render(live.state.forum_queue);
  });
  $("survey-on-screen").addEventListener("change", function (e) {
    call("PUT", "/forum/settings", { show_survey_on_screen: e.target.checked });
  });

  live.onState(function (state) {
    if (state.forum_queue) render(state.forum_queue);
    if (state.survey) renderSurvey(state.survey);
  });
})();
