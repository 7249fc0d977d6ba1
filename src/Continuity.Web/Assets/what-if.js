// What-if form: search-as-you-type for the failure to add. The page works without this script
// (the <datalist> lists regions, sites, vendors and the first systems); with it, the list follows
// what is typed, from /what-if/suggest (at most 20 matches).
(function () {
  "use strict";
  var input = document.querySelector("input[data-suggest]");
  var list = document.getElementById("whatif-choices");
  if (!input || !list || !window.fetch) {
    return;
  }
  var timer = null;
  var last = null;
  function update() {
    var q = input.value.trim();
    if (q === last) {
      return;
    }
    last = q;
    fetch(input.getAttribute("data-suggest") + "?q=" + encodeURIComponent(q), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : []; })
      .then(function (suggestions) {
        if (q !== last) {
          return;
        }
        while (list.firstChild) {
          list.removeChild(list.firstChild);
        }
        suggestions.forEach(function (s) {
          var option = document.createElement("option");
          option.value = s.value;
          option.textContent = s.label;
          list.appendChild(option);
        });
      })
      .catch(function () { /* keep the list the page came with */ });
  }
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(update, 150);
  });
})();
