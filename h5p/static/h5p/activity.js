/* Runs on the lesson page: receives what a sandboxed H5P player sends by postMessage, checks that it
   comes from that player's own window, and posts it to the server with the session and CSRF token.
   The server sets the actor; nothing the player says about the user is trusted. */
(function () {
  "use strict";
  if (window.capacitasH5P) { return; }
  window.capacitasH5P = true;

  var post = function (url, token, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": token },
      body: JSON.stringify(body)
    });
  };
  var status = function (frame, text) {
    var line = frame.parentNode.querySelector(".h5p-status");
    if (line) { line.textContent = text; }
  };

  window.addEventListener("message", function (event) {
    var frames = document.querySelectorAll("iframe[data-h5p-player]");
    for (var i = 0; i < frames.length; i++) {
      var frame = frames[i];
      if (event.source !== frame.contentWindow) { continue; }
      var data = event.data || {};
      if (data.type === "h5p-resize" && typeof data.height === "number") {
        frame.style.height = Math.max(150, Math.min(data.height, 6000)) + "px";
      } else if (data.type === "h5p-statement" && frame.dataset.statementsUrl && data.statement && typeof data.statement === "object") {
        var result = data.statement.result;
        post(frame.dataset.statementsUrl, frame.dataset.csrfToken, data.statement).then(function (response) {
          if (!response.ok) { throw new Error(String(response.status)); }
          if (result) { status(frame, frame.dataset.recordedText); }
          frame.dispatchEvent(new CustomEvent("h5p:recorded", { bubbles: true }));
        }).catch(function () {
          status(frame, frame.dataset.failedText);
        });
      } else if (data.type === "h5p-error") {
        status(frame, frame.dataset.brokenText);
      } else if (data.type === "h5p-state" && frame.dataset.stateUrl && typeof data.state === "string") {
        post(frame.dataset.stateUrl, frame.dataset.csrfToken, { state: data.state });
      }
      return;
    }
  });
})();
