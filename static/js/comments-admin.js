// Keyboard shortcuts for the comment queue: move with j/k, decide with a/r/s/f.
// On the changelist a step runs the admin action on the selected rows, or on the
// highlighted one; on a comment's page it presses the matching moderation button.
(function () {
  "use strict";
  var STEPS = { a: "approve", r: "reject", s: "mark_spam", f: "feature" };
  var STORE = "comments-queue-row";

  function typing(event) {
    var target = event.target;
    if (!target || !target.tagName) return false;
    if (target.isContentEditable) return true;
    if (target.tagName === "TEXTAREA" || target.tagName === "SELECT") return true;
    return target.tagName === "INPUT" && target.type !== "checkbox" && target.type !== "radio";
  }

  function onKeys(handler) {
    document.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey || typing(event)) return;
      if (handler(event.key)) event.preventDefault();
    });
  }

  function changelist(table) {
    var form = document.getElementById("changelist-form");
    var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
    var select = form && form.querySelector("select[name=action]");
    if (!rows.length) return;
    var current = 0;

    function box(row) { return row.querySelector("input.action-select"); }
    function show(index) {
      rows[current].classList.remove("kb-current");
      rows[current].removeAttribute("aria-current");
      current = Math.max(0, Math.min(rows.length - 1, index));
      rows[current].classList.add("kb-current");
      rows[current].setAttribute("aria-current", "true");
      rows[current].scrollIntoView({ block: "nearest" });
      try { sessionStorage.setItem(STORE, String(current)); } catch (e) { /* private mode */ }
    }
    function run(step) {
      if (!select || !select.querySelector('option[value="' + step + '"]')) return false;
      var chosen = rows.filter(function (row) { return box(row) && box(row).checked; });
      if (!chosen.length) {
        rows.forEach(function (row) { if (box(row)) box(row).checked = false; });
        if (!box(rows[current])) return false;
        box(rows[current]).checked = true;
      }
      select.value = step;
      var go = form.querySelector("button[name=index]");
      if (form.requestSubmit) form.requestSubmit(go); else go.click();
      return true;
    }

    var stored = 0;
    try { stored = parseInt(sessionStorage.getItem(STORE) || "0", 10) || 0; } catch (e) { stored = 0; }
    show(stored);
    onKeys(function (key) {
      if (key === "j") { show(current + 1); return true; }
      if (key === "k") { show(current - 1); return true; }
      if (key === "x" && box(rows[current])) { box(rows[current]).click(); return true; }
      if (key === "o") {
        var link = rows[current].querySelector("th a, td a");
        if (link) window.location.href = link.href;
        return Boolean(link);
      }
      if (key === "?") {
        var help = document.getElementById("comment-shortcuts");
        if (help) help.open = !help.open;
        return Boolean(help);
      }
      if (STEPS[key]) return run(STEPS[key]);
      return false;
    });
  }

  function changeform() {
    onKeys(function (key) {
      var button = document.querySelector('.moderation-row button[data-shortcut="' + key + '"]');
      if (!button) return false;
      button.click();
      return true;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var table = document.getElementById("result_list");
    if (table) changelist(table); else if (document.querySelector(".moderation-row")) changeform();
  });
})();
