// A field with a length limit (data-maxlength, see core/textlimits.py) shows the limit and a
// live count under it, and says how much is too much, rather than cutting a paste short as the
// browser's maxlength attribute did. The server refuses over-long text all the same, keeping it.
(function () {
  "use strict";
  var SETTLE_MS = 600; // screen readers hear the count once typing pauses, not at every key

  function length(text) {
    // Characters as Python counts them (code points), a line break as one.
    return Array.from(text.replace(/\r\n/g, "\n")).length;
  }

  function number(n) {
    return n.toLocaleString("en-GB");
  }

  function describe(field, count) {
    var ids = (field.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    if (ids.indexOf(count.id) < 0) ids.push(count.id);
    field.setAttribute("aria-describedby", ids.join(" "));
  }

  function setUp(field) {
    var limit = parseInt(field.dataset.maxlength, 10);
    if (!limit || !field.id) return;
    var count = document.createElement("p");
    count.id = field.id + "-count";
    count.className = "text-count";
    count.setAttribute("aria-live", "polite");
    // Under the field; in the admin, under the row the field shares with its label, set as its help is.
    var row = field.closest(".flex-container");
    if (row) count.classList.add("help");
    (row || field).insertAdjacentElement("afterend", count);
    describe(field, count);

    var timer = null;
    var wasOver = null;
    function show() {
      var used = length(field.value);
      var over = used > limit;
      var text = number(used) + " of " + number(limit) + " characters";
      if (over) text += ": " + number(used - limit) + " too many. Shorten it before saving.";
      count.textContent = text;
      count.classList.toggle("text-count-over", over);
      wasOver = over;
    }
    field.addEventListener("input", function () {
      var over = length(field.value) > limit;
      window.clearTimeout(timer);
      // Going over (or back under) the limit is said at once; the count itself once typing settles.
      if (over !== wasOver) show();
      else timer = window.setTimeout(show, SETTLE_MS);
    });
    show();
  }

  function start() {
    document.querySelectorAll("input[data-maxlength], textarea[data-maxlength]").forEach(setUp);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
