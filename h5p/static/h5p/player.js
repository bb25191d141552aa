/* Runs inside the sandboxed iframe (opaque origin): starts h5p-standalone and relays to the lesson
   page, by postMessage only, the xAPI statements, the saved state and the height of the activity. */
(function () {
  "use strict";
  var read = function (id) { return JSON.parse(document.getElementById(id).textContent); };
  var options = read("h5p-options");
  var parentOrigin = read("h5p-parent-origin");
  var saveState = read("h5p-save-state");
  var container = document.getElementById("h5p-container");
  var send = function (message) {
    document.documentElement.setAttribute("data-h5p-stage", message.type);
    window.parent.postMessage(message, parentOrigin);
  };
  var lastState = null;

  var currentState = function () {
    try {
      var instances = (window.H5P && window.H5P.instances) || [];
      for (var i = 0; i < instances.length; i++) {
        if (typeof instances[i].getCurrentState === "function") {
          var state = instances[i].getCurrentState();
          return state === undefined ? null : JSON.stringify(state);
        }
      }
      var content = window.H5PIntegration && window.H5PIntegration.contents["cid-" + options.id];
      var saved = content && content.contentUserData && content.contentUserData[0];
      return saved && typeof saved.state === "string" ? saved.state : null;
    } catch (error) {
      return null;
    }
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
    // The content's own height (the document's is at least the iframe's, so it would never shrink).
    send({ type: "h5p-resize", height: Math.ceil(container.getBoundingClientRect().bottom + window.scrollY) + 2 });
  };

  // h5p-standalone's promise can settle before H5P core has run in this document: wait for its dispatcher.
  var listen = function (tries) {
    var dispatcher = window.H5P && window.H5P.externalDispatcher;
    if (!dispatcher) {
      if (tries > 0) { setTimeout(function () { listen(tries - 1); }, 100); }
      else { send({ type: "h5p-error", message: "H5P did not start" }); }
      return;
    }
    dispatcher.on("xAPI", function (event) {
      send({ type: "h5p-statement", statement: event.data.statement });
      document.documentElement.setAttribute("data-h5p-sent", String(Number(document.documentElement.getAttribute("data-h5p-sent") || 0) + 1));
      setTimeout(stateSend, 0);
    });
    if (window.ResizeObserver) { new ResizeObserver(heightSend).observe(container); }
    heightSend();
    if (saveState) { setInterval(stateSend, (options.saveFreq || 15) * 1000); }
    window.addEventListener("pagehide", stateSend);
    document.documentElement.setAttribute("data-h5p-ready", "1");
    send({ type: "h5p-ready" });
  };

  document.documentElement.setAttribute("data-h5p-stage", "loading");
  new H5PStandalone.H5P(container, options).then(function () {
    document.documentElement.setAttribute("data-h5p-stage", "loaded");
    listen(300);
  }).catch(function (error) {
    send({ type: "h5p-error", message: String((error && error.message) || error) });
    document.documentElement.setAttribute("data-h5p-error", String((error && error.stack) || error));
  });
})();
