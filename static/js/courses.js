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
