/* Runs inside the sandboxed iframe (opaque origin): starts h5p-standalone and relays to the lesson
   page, by postMessage only, the xAPI statements, the saved state and the height of the activity. */
(function () {
  "use strict";
  var read = function (id) { return JSON.parse(document.getElementById(id).textContent); };
  var options = read("h5p-options");
  var parentOrigin = read("h5p-parent-origin");
  var saveState = read("h5p-save-state");
  var container = document.getElementById("h5p-container");
  var send = function (message) { window.parent.postMessage(message, parentOrigin); };
  var lastState = null;

  var currentState = function () {
    try {
      var frame = document.querySelector("iframe.h5p-iframe");
      var inner = frame && frame.contentWindow && frame.contentWindow.H5P;
      var instance = inner && inner.instances && inner.instances[0];
      if (instance && typeof instance.getCurrentState === "function") {
        var state = instance.getCurrentState();
        return state === undefined ? null : JSON.stringify(state);
      }
    } catch (error) { /* no state to save */ }
    return null;
  };
  var stateSend = function () {
    if (!saveState) { return; }
    var state = currentState();
    if (state !== null && state !== lastState) {
      lastState = state;
      send({ type: "h5p-state", state: state });
    }
  };
  var heightSend = function () {
    send({ type: "h5p-resize", height: Math.ceil(document.documentElement.scrollHeight) });
  };

  new H5PStandalone.H5P(container, options).then(function () {
    H5P.externalDispatcher.on("xAPI", function (event) {
      send({ type: "h5p-statement", statement: event.data.statement });
      setTimeout(stateSend, 0);
    });
    if (window.ResizeObserver) { new ResizeObserver(heightSend).observe(document.body); }
    heightSend();
    if (saveState) { setInterval(stateSend, (options.saveFreq || 15) * 1000); }
    window.addEventListener("pagehide", stateSend);
    send({ type: "h5p-ready" });
  }).catch(function (error) {
    send({ type: "h5p-error", message: String(error && error.message || error) });
  });
})();
