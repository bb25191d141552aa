// Starts the Wagtail admin widgets and panels that Wagtail starts with inline <script> elements,
// which the site's Content-Security-Policy (script-src 'self') blocks. The project's templates in
// templates/wagtailadmin/ replace each such script with an element carrying the same arguments:
//   data-capacitas-init="date|time|datetime|inline-panel|multiple-chooser-panel"
//   data-capacitas-for="<input id>"  data-capacitas-options="<JSON>"
// Elements added later (a new inline form, a modal) are started when they appear.
(function () {
  "use strict";
  var starters = {
    date: function (el, options) { window.initDateChooser(el.getAttribute("data-capacitas-for"), options); },
    time: function (el, options) { window.initTimeChooser(el.getAttribute("data-capacitas-for"), options); },
    datetime: function (el, options) { window.initDateTimeChooser(el.getAttribute("data-capacitas-for"), options); },
    "inline-panel": function (el, options) { new window.InlinePanel(options); },
    "multiple-chooser-panel": function (el, options) { new window.MultipleChooserPanel(options); },
  };

  function start(el) {
    if (el.hasAttribute("data-capacitas-started")) return;
    // A form template (an inline panel's empty form) is started only once it is copied in.
    if (el.closest("template")) return;
    var kind = el.getAttribute("data-capacitas-init");
    var starter = starters[kind];
    if (!starter) return;
    el.setAttribute("data-capacitas-started", "");
    starter(el, JSON.parse(el.getAttribute("data-capacitas-options") || "{}"));
  }

  function startAll(root) {
    if (root.nodeType !== 1) return;
    if (root.hasAttribute("data-capacitas-init")) start(root);
    root.querySelectorAll("[data-capacitas-init]").forEach(start);
  }

  function ready() {
    startAll(document.body);
    new MutationObserver(function (records) {
      records.forEach(function (record) {
        record.addedNodes.forEach(startAll);
      });
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
