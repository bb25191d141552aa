// Agency lists follow the chosen member state: options of other states are hidden (the server
// checks the pairing anyway). Works on any form with a member-state <select> and an agency <select>.
(function () {
  "use strict";
  document.querySelectorAll("form").forEach(function (form) {
    var state = form.querySelector("select[name=member_state], select[name=state]");
    var agency = form.querySelector("select[name=agency]");
    if (!state || !agency) return;
    function apply() {
      var code = state.value;
      Array.prototype.forEach.call(agency.options, function (option) {
        var owner = option.getAttribute("data-state");
        var hide = Boolean(code && owner && owner !== code);
        option.hidden = hide;
        option.disabled = hide;
      });
      var selected = agency.options[agency.selectedIndex];
      if (selected && selected.disabled) agency.value = "";
    }
    state.addEventListener("change", apply);
    apply();
  });
})();
