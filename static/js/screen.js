// The big screen in the hall: the backdrop (Điều 10 Nghị định 111/2018), the
// current item, rotating slogans (khẩu hiệu), phần hội activities under way,
// and what the organizers put up: a full-screen message, a black screen, or
// the reportage video of a "Trình chiếu" item.
(function () {
  "use strict";
  var live = KioskLive;
  var $ = function (id) { return document.getElementById(id); };
  var slogans = [], sloganIndex = 0;
  var video = $("screen-video-player"), playingUrl = null;

  function currentItem(programme) {
    return programme.items.filter(function (i) { return i.id === programme.live.current_item_id; })[0] || null;
  }

  function renderVideo(item) {
    var url = item && item.kind === "video" && item.video_url ? item.video_url : null;
    $("screen-video").hidden = !url;
    if (url === playingUrl) return;
    playingUrl = url;
    if (!url) { video.pause(); video.removeAttribute("src"); video.load(); return; }
    video.src = url;
    video.muted = false;
    video.play().catch(function () {
      // Without a click, browsers play only muted: play muted, offer the sound.
      video.muted = true;
      video.play();
      $("screen-video-sound").hidden = false;
    });
  }

  $("screen-video-sound").addEventListener("click", function () {
    video.muted = false;
    $("screen-video-sound").hidden = true;
  });

  function renderActivities() {
    var activities = live.state.activities;
    if (!activities) return;
    var now = KioskClock.now();
    var running = activities.items.filter(function (a) {
      return a.starts_at && Date.parse(a.starts_at) <= now && (!a.ends_at || now < Date.parse(a.ends_at));
    });
    $("screen-activities").hidden = running.length === 0;
    $("screen-activities-list").textContent = running.map(function (a) {
      return a.name + (a.place ? " (" + a.place + ")" : "");
    }).join(" · ");
  }

  // The opinion being answered at the forum, as typed (textContent: never run).
  function renderOpinion(forum) {
    var current = forum.current;
    $("screen-opinion").hidden = !current;
    if (!current) return;
    $("screen-opinion-topic").textContent = current.topic_label;
    $("screen-opinion-text").textContent = current.text;
    $("screen-opinion-who").textContent = "— " + current.author + (current.address ? ", " + current.address : "");
    $("screen-opinion-next").textContent = forum.next.length
      ? (live.lang === "en" ? "Next: " : "Tiếp theo: ") + forum.next.map(function (o) { return o.text.slice(0, 80); }).join(" · ")
      : "";
  }

  live.onState(function (state) {
    if (state.programme) {
      KioskClock.sync(state.programme);
      var item = currentItem(state.programme);
      $("screen-current").textContent = item ? item.title : "";
      renderVideo(item);
    }
    if (state.screen) {
      $("screen-message").hidden = !state.screen.message;
      $("screen-message-text").textContent = state.screen.message;
      $("screen-blackout").hidden = !state.screen.blackout;
    }
    if (state.forum_screen) renderOpinion(state.forum_screen);
    if (state.event) slogans = state.event.slogans || [];
    renderActivities();
  });

  setInterval(renderActivities, 15000);
  setInterval(function () {
    if (slogans.length < 2) return;
    sloganIndex = (sloganIndex + 1) % slogans.length;
    var el = $("slogan");
    el.classList.add("fade");
    setTimeout(function () { el.textContent = slogans[sloganIndex]; el.classList.remove("fade"); }, 400);
  }, 12000);
})();
