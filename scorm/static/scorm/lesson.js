/* Runs on the lesson page: plays the package's items in the sandboxed frame in the organisation's
   order (table of contents, previous and next), receives what the SCO's run-time API sends by
   postMessage, checks that it comes from that frame's own window, and posts it to the server with
   the session and CSRF token, in order. Nothing the frame says about the learner is trusted. */
(function () {
  "use strict";
  if (window.capacitasScorm) { return; }
  window.capacitasScorm = true;

  var post = function (url, token, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": token },
      body: JSON.stringify(body)
    });
  };

  var setup = function (frame) {
    var section = frame.closest("[data-scorm-activity]");
    var navigation = JSON.parse(frame.getAttribute("data-navigation"));
    var status = section.querySelector(".scorm-status");
    var previous = section.querySelector("[data-scorm-previous]");
    var next = section.querySelector("[data-scorm-next]");
    var queue = Promise.resolve();

    var show = function () {
      var here = navigation[frame.dataset.current] || {};
      previous.hidden = !here.previous;
      next.hidden = !here.next;
      section.querySelectorAll("[data-scorm-item]").forEach(function (entry) {
        var chooser = entry.querySelector(":scope > [data-scorm-choose]");
        if (chooser) {
          if (entry.getAttribute("data-scorm-item") === frame.dataset.current) { chooser.setAttribute("aria-current", "step"); }
          else { chooser.removeAttribute("aria-current"); }
        }
      });
    };
    var go = function (item) {
      if (!item || !navigation[item] || item === frame.dataset.current && frame.getAttribute("src")) { return; }
      frame.dataset.current = item;
      frame.style.height = "";  // the next item posts its own height
      frame.src = navigation[item].launch;
      show();
    };
    var statuses = function (result) {
      Object.keys(result.items || {}).forEach(function (item) {
        var entry = section.querySelector('[data-scorm-item="' + CSS.escape(item) + '"]');
        if (entry && result.items[item].completed) { entry.setAttribute("data-completed", ""); }
      });
      status.textContent = result.completed ? frame.dataset.doneText : frame.dataset.savedText;
    };

    window.addEventListener("message", function (event) {
      // Only the SCO in this frame, sandboxed without allow-same-origin (an opaque origin, "null").
      if (event.source !== frame.contentWindow || event.origin !== "null") { return; }
      var data = event.data || {};
      if (typeof data.item !== "string" || !navigation[data.item]) { return; }
      if (data.type === "scorm-resize" && typeof data.height === "number" && isFinite(data.height)) {
        frame.style.height = Math.round(Math.max(300, Math.min(data.height, 10000))) + "px";
      } else if (data.type === "scorm-commit" && data.cmi && typeof data.cmi === "object") {
        var body = { item: data.item, launch: data.launch, cmi: data.cmi };
        queue = queue.then(function () {
          return post(frame.dataset.commitUrl, frame.dataset.csrfToken, body).then(function (response) {
            if (!response.ok) { throw new Error(String(response.status)); }
            return response.json();
          }).then(function (result) {
            statuses(result);
            frame.dispatchEvent(new CustomEvent("scorm:committed", { bubbles: true, detail: result }));
          }).catch(function () {
            status.textContent = frame.dataset.failedText;
          });
        });
      } else if (data.type === "scorm-nav" && typeof data.request === "string") {
        var here = navigation[data.item];
        var choice = /^\{target=([^}]+)\}(choice|jump)$/.exec(data.request);
        if (data.request === "continue") { go(here.next); }
        else if (data.request === "previous") { go(here.previous); }
        else if (choice && navigation[choice[1]] && (navigation[choice[1]].choosable || choice[2] === "jump")) { go(choice[1]); }
      }
    });
    previous.addEventListener("click", function () { go((navigation[frame.dataset.current] || {}).previous); });
    next.addEventListener("click", function () { go((navigation[frame.dataset.current] || {}).next); });
    section.querySelectorAll("[data-scorm-choose]").forEach(function (button) {
      button.addEventListener("click", function () { go(button.getAttribute("data-scorm-choose")); });
    });
    section.querySelector("[data-scorm-restart]").addEventListener("click", function () {
      queue.then(function () {
        return post(frame.dataset.attemptUrl, frame.dataset.csrfToken, {});
      }).then(function () { window.location.reload(); });
    });
    show();
  };

  document.querySelectorAll("iframe[data-scorm-player]").forEach(setup);
})();
