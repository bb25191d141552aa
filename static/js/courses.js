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
  // Lesson videos report how much has been watched (the sum of the played ranges), every 15 s of
  // playing and on pause or end; the server bounds it by the file's own duration.
  document.querySelectorAll("video[data-video-progress]").forEach(function (video) {
    var sent = 0;
    function watched() {
      var total = 0;
      for (var i = 0; i < video.played.length; i++) { total += video.played.end(i) - video.played.start(i); }
      return total;
    }
    function report() {
      var seconds = watched();
      if (!token || !window.fetch || seconds <= sent + 1) { return; }
      sent = seconds;
      fetch(video.getAttribute("data-video-progress"), {
        method: "POST",
        body: new URLSearchParams({watched: seconds.toFixed(1)}),
        credentials: "same-origin",
        headers: {"X-CSRFToken": token.value, "Accept": "application/json"}
      }).catch(function () { sent = 0; });
    }
    video.addEventListener("timeupdate", function () { if (watched() - sent >= 15) { report(); } });
    video.addEventListener("pause", report);
    video.addEventListener("ended", report);
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
