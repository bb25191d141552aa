/* The site menu on a phone: the sections, the account links and the languages fold behind one
   "Menu" button (a disclosure: aria-expanded on the button, Escape closes it and gives the focus
   back). Without this script the button stays hidden and the menu stays open, wrapped. Loaded with
   defer from a static file: no inline script (CSP). */
(function () {
  "use strict";
  var header = document.querySelector(".site-header");
  var button = header && header.querySelector(".menu-toggle");
  var menu = document.getElementById("site-menu");
  if (!button || !menu) { return; }
  var set = function (open) {
    header.classList.toggle("menu-open", open);
    button.setAttribute("aria-expanded", open ? "true" : "false");
  };
  header.classList.add("has-menu");
  button.hidden = false;
  button.addEventListener("click", function () { set(button.getAttribute("aria-expanded") !== "true"); });
  header.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      set(false);
      button.focus();
    }
  });
})();
