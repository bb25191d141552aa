/* The player's document is sandboxed without allow-same-origin, so reading window.localStorage or
   sessionStorage throws a SecurityError, which stops H5P core (its offline request queue reads it).
   Give this document an in-memory storage instead: nothing persists, nothing leaks. */
(function () {
  "use strict";
  var memoryStorage = function () {
    var data = {};
    return {
      getItem: function (key) { return Object.prototype.hasOwnProperty.call(data, key) ? data[key] : null; },
      setItem: function (key, value) { data[key] = String(value); },
      removeItem: function (key) { delete data[key]; },
      clear: function () { data = {}; },
      key: function (index) { var keys = Object.keys(data); return index < keys.length ? keys[index] : null; },
      get length() { return Object.keys(data).length; }
    };
  };
  ["localStorage", "sessionStorage"].forEach(function (name) {
    try {
      if (window[name]) { return; }
    } catch (error) { /* sandboxed: replace it below */ }
    Object.defineProperty(window, name, { value: memoryStorage(), configurable: true });
  });
})();
