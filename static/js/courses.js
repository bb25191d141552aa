/* Courses: save progress as the learner goes, and count down a quiz's time limit (the server
   enforces the limit; this only shows it). Loaded with defer; no inline scripts (CSP). */
(function () {
  "use strict";
  var lesson = document.querySelector("[data-progress-url]");
  var token = document.querySelector("input[name=csrfmiddlewaretoken]");
  if (lesson && token && window.fetch) {
    fetch(lesson.getAttribute("data-progress-url"), {
      method: "POST",
      body: new URLSearchParams({action: "visit"}),
      credentials: "same-origin",
      headers: {"X-CSRFToken": token.value, "Accept": "application/json"}
    }).catch(function () { /* offline: the next visit records it */ });
  }
  // Lesson videos report what has been played (the played ranges), every 15 s of playing and on
  // pause, end and leaving the page, with a session id of this page's player; the server bounds it by
  // the file's own duration and records the ADL video profile's statements from it.
  var uuid = function () {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return ("0" + x.toString(16)).slice(-2); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  };
  document.querySelectorAll("video[data-video-progress]").forEach(function (video) {
    var sent = 0;
    var session = uuid();
    function ranges() {
      var out = [];
      for (var i = 0; i < video.played.length; i++) { out.push([video.played.start(i), video.played.end(i)]); }
      return out;
    }
    function watched() {
      return ranges().reduce(function (total, range) { return total + range[1] - range[0]; }, 0);
    }
    function report(event, leaving) {
      var seconds = watched();
      if (!token || !window.fetch || seconds <= 0 || (event === "progress" && seconds <= sent + 1)) { return; }
      sent = seconds;
      fetch(video.getAttribute("data-video-progress"), {
        method: "POST",
        body: new URLSearchParams({
          watched: seconds.toFixed(1),
          segments: JSON.stringify(ranges()),
          time: video.currentTime.toFixed(1),
          session: session,
          event: event
        }),
        credentials: "same-origin",
        keepalive: !!leaving,
        headers: {"X-CSRFToken": token.value, "Accept": "application/json"}
      }).catch(function () { sent = 0; });
    }
    video.addEventListener("timeupdate", function () { if (watched() - sent >= 15) { report("progress"); } });
    video.addEventListener("pause", function () { if (!video.ended) { report("paused"); } });
    video.addEventListener("ended", function () { report("ended"); });
    window.addEventListener("pagehide", function () { if (sent > 0) { report("left", true); } });
  });
  var clock = document.getElementById("time-left");
  if (clock) {
    var left = parseInt(clock.textContent, 10);
    var timer = setInterval(function () {
      left -= 1;
      if (left < 0) { clearInterval(timer); return; }
      clock.textContent = left;
    }, 1000);
  }
})();
