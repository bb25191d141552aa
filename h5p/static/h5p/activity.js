/* Runs on the lesson page: receives what a sandboxed H5P player sends by postMessage, checks that it
   comes from that player's own window, and posts it to the server with the session and CSRF token.
   The server sets the actor; nothing the player says about the user is trusted.

   It also fetches the player's files for it. A document with an opaque origin (the sandboxed
   player) gets no usable HTTP cache in browsers that partition their cache by the frame's origin,
   so it would download every file on every view; this page's fetches use its own cache, where the
   files' immutable, content-addressed addresses keep them. Only the list the server wrote into the
   page is fetched: the player asks for "its files", never for an address. */
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
  var filesFor = function (frame) {
    var list;
    try { list = JSON.parse(frame.dataset.files || "[]"); } catch (error) { list = []; }
    var origin = frame.dataset.filesOrigin || "";
    var base = frame.dataset.filesBase || "";
    return Promise.all(list.map(function (entry) {
      var path = entry.charAt(0) === "/" ? entry : base + "/" + entry;
      return fetch(origin + path, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) { return null; }
        return response.arrayBuffer().then(function (body) {
          return { path: path, type: response.headers.get("Content-Type") || "", body: body };
        });
      }).catch(function () { return null; });
    })).then(function (files) {
      return files.filter(function (file) { return file !== null; });
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
      // The player is sandboxed without allow-same-origin: its messages come from an opaque origin,
      // serialised "null". Anything else in that window (it navigated elsewhere) is ignored.
      if (event.origin !== "null") { return; }
      var data = event.data || {};
      if (data.type === "h5p-files-wanted") {
        // Only to the sandboxed player (an opaque origin); "*" because an opaque origin has no name.
        filesFor(frame).then(function (files) {
          frame.contentWindow.postMessage({ type: "h5p-files", files: files }, "*",
            files.map(function (file) { return file.body; }));
        });
      } else if (data.type === "h5p-resize" && typeof data.height === "number" && isFinite(data.height)) {
        // The activity's own height (player.js measures its content, never the frame's viewport).
        frame.style.height = Math.round(Math.max(150, Math.min(data.height, 10000))) + "px";
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
