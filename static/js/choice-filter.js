// Long lists of checkboxes (widget attribute data-filterable) get a search box above them: typing
// part of a label hides the choices that do not contain it; checked choices always stay visible.
// Without JavaScript the full list is still there.
(function () {
  "use strict";
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  var seen = [];
  document.querySelectorAll("input[data-filterable]").forEach(function (input) {
    var group = input.closest("fieldset");
    if (!group || seen.indexOf(group) !== -1) return;
    seen.push(group);
    var legend = group.querySelector("legend");
    var help = group.parentNode.querySelector(".help");
    var box = document.createElement("input");
    box.type = "search";
    box.className = "choice-filter";
    box.id = (input.name || "choices") + "-filter";
    box.setAttribute("aria-label", legend ? legend.textContent.trim() : input.name);
    box.setAttribute("aria-controls", group.id || "");
    if (help) {
      box.placeholder = help.textContent.trim();
      if (help.id) box.setAttribute("aria-describedby", help.id);
    }
    group.classList.add("filterable");
    group.parentNode.insertBefore(box, group);
    var labels = Array.prototype.slice.call(group.querySelectorAll("label"));
    box.addEventListener("input", function () {
      var query = fold(box.value.trim());
      labels.forEach(function (label) {
        var checkbox = label.querySelector("input");
        var match = !query || fold(label.textContent).indexOf(query) !== -1;
        label.hidden = !(match || (checkbox && checkbox.checked));
      });
    });
  });
})();
