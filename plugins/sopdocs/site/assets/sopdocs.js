/*
 * sopdocs: the catalogue filter (sop/). Each SOP row carries its units, regulations and
 * pelaksana as space-separated tokens (data-unit, data-regulasi, data-pelaksana); a row
 * stays visible when every chosen value is one of its tokens. Unit sections left empty are
 * hidden too. Without JavaScript the form stays hidden and the page lists everything.
 */
(function () {
  "use strict";

  function setUp() {
    var form = document.querySelector("form.sopdocs-filter");
    if (!form || form.dataset.ready) {
      return;
    }
    form.dataset.ready = "1";
    var selects = Array.prototype.slice.call(form.querySelectorAll("[data-filter]"));
    var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-regulasi]"));
    var sections = Array.prototype.slice.call(document.querySelectorAll(".sopdocs-unit-section"));
    var count = form.querySelector(".sopdocs-filter-count");

    function matches(row) {
      return selects.every(function (select) {
        var tokens = (row.dataset[select.dataset.filter] || "").split(" ");
        return !select.value || tokens.indexOf(select.value) !== -1;
      });
    }

    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        row.hidden = !matches(row);
        shown += row.hidden ? 0 : 1;
      });
      sections.forEach(function (section) {
        section.hidden = !section.querySelector("tr[data-regulasi]:not([hidden])");
      });
      var filtering = selects.some(function (select) { return select.value; });
      count.textContent = filtering ? shown + " dari " + rows.length + " SOP" : "";
    }

    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply();
  }

  // Material's instant navigation swaps pages without a load event; document$ announces them.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
