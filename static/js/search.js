/* Search suggestions: from the second letter, a list under each search box (keyboard and mouse).
   The page works without this script; it only makes finding things quicker. */
(function () {
  "use strict";
  var ENDPOINT = "/api/search/suggest/";
  var counter = 0;

  function enhance(input) {
    var list = input.getAttribute("aria-controls") && document.getElementById(input.getAttribute("aria-controls"));
    if (!list) {
      list = document.createElement("ul");
      list.id = "search-suggestions-" + (++counter);
      list.className = "search-suggestions";
      list.setAttribute("role", "listbox");
      list.hidden = true;
      input.parentNode.appendChild(list);
      input.setAttribute("role", "combobox");
      input.setAttribute("aria-autocomplete", "list");
      input.setAttribute("aria-expanded", "false");
      input.setAttribute("aria-controls", list.id);
    }
    var timer = null, controller = null, active = -1, items = [];

    function close() {
      list.hidden = true;
      list.innerHTML = "";
      items = [];
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function choose(item) {
      if (item.url) {
        window.location.href = item.url;
        return;
      }
      input.value = item.text;
      close();
      if (input.form) { input.form.submit(); }
    }

    function show(suggestions) {
      list.innerHTML = "";
      items = suggestions;
      active = -1;
      if (!suggestions.length) { close(); return; }
      suggestions.forEach(function (item, index) {
        var li = document.createElement("li");
        li.id = list.id + "-" + index;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.className = "suggestion suggestion-" + item.kind;
        li.textContent = item.text;
        if (item.language) { li.setAttribute("lang", item.language); }
        li.addEventListener("mousedown", function (event) { event.preventDefault(); choose(item); });
        list.appendChild(li);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function move(step) {
      if (!items.length) { return; }
      var options = list.querySelectorAll("[role=option]");
      if (active >= 0) { options[active].setAttribute("aria-selected", "false"); }
      active = (active + step + items.length) % items.length;
      options[active].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", options[active].id);
    }

    function fetchSuggestions() {
      var text = input.value.trim();
      if (text.length < 2) { close(); return; }
      if (controller) { controller.abort(); }
      controller = new AbortController();
      var lang = document.documentElement.lang || "en";
      fetch(ENDPOINT + "?q=" + encodeURIComponent(text) + "&lang=" + encodeURIComponent(lang),
            {signal: controller.signal, headers: {"Accept": "application/json"}, credentials: "same-origin"})
        .then(function (response) { return response.ok ? response.json() : {suggestions: []}; })
        .then(function (data) { if (input.value.trim() === text) { show(data.suggestions || []); } })
        .catch(function () { /* aborted or offline: the form still works */ });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, 120);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") { event.preventDefault(); move(1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); move(-1); }
      else if (event.key === "Escape") { close(); }
      else if (event.key === "Enter" && active >= 0) { event.preventDefault(); choose(items[active]); }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }

  document.querySelectorAll("form[role=search] input[type=search][name=q]").forEach(enhance);

  // On the search page a changed filter or sort order applies at once (the Apply button stays for
  // keyboard users and for pages without this script).
  var page = document.getElementById("search-form");
  // The facets are a closed "Filter" control on phones; beside the results on wide screens, open.
  var filter = document.getElementById("search-filter");
  if (filter && window.matchMedia("(min-width: 48.01rem)").matches) { filter.open = true; }
  if (page) {
    page.querySelectorAll(".search-facets input[type=checkbox], .search-facets select").forEach(function (control) {
      control.addEventListener("change", function () { page.submit(); });
    });
  }
})();
