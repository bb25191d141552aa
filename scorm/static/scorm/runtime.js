/* Runs first in a SCO's launch document, inside the sandboxed frame (an opaque origin). It creates
   the SCORM run-time API (scorm-again) in this window with the learner's saved data, and relays each
   commit to the lesson page by postMessage; the lesson page posts it to the server with the session.
   Nothing here can reach the site's cookies or pages: the frame's origin is opaque. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("capacitas-scorm-runtime").textContent);
  var lessonPage = window.parent;
  var is2004 = data.version !== "1.2";
  var bytes = new Uint8Array(16);
  window.crypto.getRandomValues(bytes);
  var launch = Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  var settings = { autocommit: false, lmsCommitUrl: false, logLevel: 5, sendFullCommit: true };
  var api = is2004 ? new window.Scorm2004API(settings) : new window.Scorm12API(settings);
  api.loadFromJSON(data.cmi, "");
  var mark = function (name, value) { document.documentElement.setAttribute("data-scorm-" + name, value); };
  var sent = 0;
  var dirty = false;
  var timer = null;

  var send = function () {
    dirty = false;
    if (timer) { clearTimeout(timer); timer = null; }
    var cmi;
    try { cmi = api.renderCMIToJSONObject().cmi; } catch (error) { return; }
    lessonPage.postMessage({ type: "scorm-commit", item: data.item, launch: launch, cmi: cmi }, data.parentOrigin);
    sent += 1;
    mark("sent", String(sent));
  };
  var later = function () {
    dirty = true;
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(send, 3000);
  };
  var navigate = function () {
    var request = "";
    try { request = is2004 && api.adl && api.adl.nav ? String(api.adl.nav.request || "") : ""; } catch (error) { request = ""; }
    if (request && request !== "_none_") {
      lessonPage.postMessage({ type: "scorm-nav", item: data.item, request: request }, data.parentOrigin);
    }
  };

  if (is2004) {
    api.on("SetValue.cmi.*", later);
    api.on("Commit", send);
    api.on("Terminate", function () { send(); navigate(); });
  } else {
    api.on("LMSSetValue.cmi.*", later);
    api.on("LMSCommit", send);
    api.on("LMSFinish", send);
  }
  window.addEventListener("pagehide", function () { if (dirty) { send(); } });

  // The API lives on this window. SCOs often declare "var API = null;" before looking for it, which
  // would overwrite a plain property: an accessor that ignores assignments keeps it in place.
  var name = is2004 ? "API_1484_11" : "API";
  Object.defineProperty(window, name, { configurable: false, enumerable: true, get: function () { return api; }, set: function () {} });
  // SCORM 2004's discovery algorithm starts at window.parent, here the lesson page, whose
  // properties an opaque origin may not read (reading one throws). "parent" is a replaceable
  // attribute: this stand-in answers with the same API and is its own parent, which ends the scan.
  var stand = {};
  stand[name] = api;
  stand.parent = stand;
  stand.postMessage = function (message, origin) { lessonPage.postMessage(message, origin); };
  try {
    Object.defineProperty(window, "parent", { configurable: true, get: function () { return stand; } });
  } catch (error) {
    mark("parent", "kept");
  }

  // Nested documents of the package (other opaque origins) cannot call this window's functions;
  // their frame helper (frame.js) asks by postMessage, and only global functions are called.
  var descendant = function (source, win, depth) {
    for (var i = 0; i < win.frames.length; i++) {
      if (win.frames[i] === source || (depth < 5 && descendant(source, win.frames[i], depth + 1))) { return true; }
    }
    return false;
  };
  window.addEventListener("message", function (event) {
    var message = event.data || {};
    if (message.type !== "scorm-frame-call" || typeof message.name !== "string" || !descendant(event.source, window, 0)) { return; }
    var target = window[message.name];
    if (typeof target === "function" && /^[A-Za-z_$][\w$]*$/.test(message.name)) {
      try { target.apply(window, Array.isArray(message.args) ? message.args : []); } catch (error) { mark("call-error", message.name); }
    }
  });
  // The lesson page sizes this frame to the SCO's height. A SCO laid out to the frame (height: 100%,
  // framesets) never overflows and keeps the frame's height; one whose height follows the frame's
  // (100vh plus margins) would overflow by the same amount after every resize: it is not followed.
  var lastOverflow = null;
  var heightSend = function () {
    var root = document.documentElement;
    var overflow = root.scrollHeight - window.innerHeight;
    if (overflow <= 1 || (lastOverflow !== null && Math.abs(overflow - lastOverflow) <= 1)) { return; }
    lastOverflow = overflow;
    lessonPage.postMessage({ type: "scorm-resize", item: data.item, height: root.scrollHeight }, data.parentOrigin);
    mark("height", String(root.scrollHeight));
  };
  var watch = function () {
    if (window.ResizeObserver) { new ResizeObserver(heightSend).observe(document.documentElement); }
    heightSend();
  };
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", watch); } else { watch(); }
  window.addEventListener("load", heightSend);
  mark("api", name);
})();
