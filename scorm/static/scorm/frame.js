/* Runs first in every page of a SCORM package other than the SCO's launch document. Inside the
   sandbox each document has its own opaque origin, so a page in the SCO's inner frame cannot call
   "parent.RecordTest(score)" directly. This replaces "parent" with a stand-in that sends such calls
   to the real parent by postMessage (fire and forget; their return values are lost), and forwards
   calls from its own inner frames the same way. */
(function () {
  "use strict";
  var real = window.parent;
  if (!real || real === window || real === window.top) { return; }
  var relay = function (name, args) {
    var plain;
    try { plain = JSON.parse(JSON.stringify(args)); } catch (error) { plain = []; }
    real.postMessage({ type: "scorm-frame-call", name: name, args: plain }, "*");
  };
  var stand = null;
  stand = new Proxy({}, {
    get: function (target, name) {
      if (typeof name !== "string" || name === "then") { return undefined; }
      if (name === "parent" || name === "top" || name === "self" || name === "window") { return stand; }
      if (name === "API" || name === "API_1484_11" || name === "document" || name === "location" || name === "frames") { return undefined; }
      if (name === "postMessage") { return function (message, origin) { real.postMessage(message, origin); }; }
      return function () { relay(name, Array.prototype.slice.call(arguments)); };
    }
  });
  try {
    Object.defineProperty(window, "parent", { configurable: true, get: function () { return stand; } });
  } catch (error) {
    return;
  }
  window.addEventListener("message", function (event) {
    var message = event.data || {};
    if (message.type !== "scorm-frame-call" || typeof message.name !== "string") { return; }
    for (var i = 0; i < window.frames.length; i++) {
      if (window.frames[i] === event.source) {
        var target = window[message.name];
        if (typeof target === "function") { target.apply(window, message.args || []); } else { relay(message.name, message.args || []); }
        return;
      }
    }
  });
})();
