/* Runs inside the sandboxed iframe (opaque origin): takes the package's files from the lesson page,
   starts h5p-standalone and relays to the lesson page, by postMessage only, the xAPI statements, the
   saved state and the height of the activity. */
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

  // Files handed over by the lesson page (see static/h5p/activity.js): absolute address -> file.
  // h5p-standalone asks for its JSON with fetch() and adds <script src> and <link href> elements;
  // for a handed-over address these get a blob: address of the same bytes instead of the network.
  var files = {};
  var blobs = {};
  var absolute = function (url) {
    try { return new URL(String(url), document.baseURI).href; } catch (error) { return null; }
  };
  var find = function (url) {
    var key = absolute(url);
    return key && files[key.split(/[?#]/)[0]];
  };
  var styleRewrite = function (text, base) {
    // A style sheet at a blob: address has no folder: its relative url()s are made absolute (and
    // handed-over ones blob: too).
    return text.replace(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g, function (match, quote, reference) {
      if (/^(data:|blob:|#)/i.test(reference)) { return match; }
      var target;
      try { target = new URL(reference, base).href; } catch (error) { return match; }
      var fragment = target.indexOf("#") >= 0 ? target.slice(target.indexOf("#")) : "";
      var handed = blobFor(target);
      return "url(\"" + (handed ? handed + fragment : target) + "\")";
    });
  };
  var blobFor = function (url) {
    var file = find(url);
    if (!file) { return null; }
    if (!blobs[file.key]) {
      var body = file.body;
      if (/^text\/css/i.test(file.type)) { body = styleRewrite(new TextDecoder().decode(body), file.key); }
      blobs[file.key] = URL.createObjectURL(new Blob([body], { type: file.type }));
    }
    return blobs[file.key];
  };
  var nativeFetch = window.fetch.bind(window);
  window.fetch = function (input, init) {
    var file = find(typeof input === "string" ? input : input && input.url);
    if (file) {
      return Promise.resolve(new Response(file.body.slice(0), { status: 200, headers: { "Content-Type": file.type } }));
    }
    return nativeFetch(input, init);
  };
  [[window.HTMLScriptElement, "src"], [window.HTMLLinkElement, "href"]].forEach(function (pair) {
    var descriptor = Object.getOwnPropertyDescriptor(pair[0].prototype, pair[1]);
    Object.defineProperty(pair[0].prototype, pair[1], {
      configurable: true,
      enumerable: descriptor.enumerable,
      get: function () { return descriptor.get.call(this); },
      set: function (value) { descriptor.set.call(this, blobFor(value) || value); }
    });
  });

  var started = false;
  var start = function () {
    if (started) { return; }
    started = true;
    document.documentElement.setAttribute("data-h5p-stage", "loading");
    new H5PStandalone.H5P(container, options).then(function () {
      document.documentElement.setAttribute("data-h5p-stage", "loaded");
      listen(300);
    }).catch(function (error) {
      send({ type: "h5p-error", message: String((error && error.message) || error) });
      document.documentElement.setAttribute("data-h5p-error", String((error && error.stack) || error));
    });
  };
  window.addEventListener("message", function (event) {
    var data = event.data || {};
    if (event.source !== window.parent || data.type !== "h5p-files" || started || !Array.isArray(data.files)) { return; }
    var count = 0;
    data.files.forEach(function (file) {
      if (!file || typeof file.path !== "string" || !(file.body instanceof ArrayBuffer)) { return; }
      var key = absolute(file.path);
      if (key) { files[key] = { key: key, type: String(file.type || ""), body: file.body }; count += 1; }
    });
    document.documentElement.setAttribute("data-h5p-handed", String(count));
    start();
  });
  // Without an answer (a lesson page without the list, a slow network) the player loads by itself.
  setTimeout(start, 8000);
  send({ type: "h5p-files-wanted" });
})();
