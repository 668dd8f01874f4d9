// The article form's tag field (select2, articles/forms.py TagAutocomplete): Enter adds what was typed.
// select2 adds a typed tag only when the suggestions for those very letters come back from the
// server (a 250 ms pause, then the request), so an Enter pressed sooner chose a stale suggestion
// or nothing at all, and the tag just typed vanished from the field. Here Enter adds the typed
// name at once (and nothing typed adds nothing); a writer who moved to a suggestion with the
// arrow keys gets that suggestion.
"use strict";
{
  const $ = django.jQuery;
  const NAVIGATION = new Set(["ArrowUp", "ArrowDown", "PageUp", "PageDown", "Home", "End"]);

  function add(select, name) {
    const key = name.toLowerCase();
    const existing = Array.from(select.options).find((option) => option.value.toLowerCase() === key);
    if (existing) {
      existing.selected = true;
    } else {
      select.append(new Option(name, name, true, true));
    }
    $(select).trigger("change");
  }

  function enterAddsTypedName(select) {
    const select2 = $(select).data("select2");
    if (!select2) return;
    const container = select2.$container[0];
    let navigated = false;
    // Listening while the event goes down to the search field, so that select2 never sees this Enter.
    container.addEventListener("input", () => { navigated = false; }, true);
    container.addEventListener("keydown", (event) => {
      if (!event.target.classList.contains("select2-search__field")) return;
      if (NAVIGATION.has(event.key)) {
        navigated = true;
        return;
      }
      if (event.key !== "Enter" || navigated || event.isComposing) return;
      // Nothing typed adds nothing, rather than whichever suggestion happens to be highlighted.
      event.preventDefault();
      event.stopPropagation();
      const name = event.target.value.trim();
      if (name) add(select, name);
      event.target.value = "";
      $(select).select2("close");
    }, true);
  }

  $(function () {
    document.querySelectorAll('select.admin-autocomplete[data-tags="true"]').forEach(enterAddsTypedName);
  });
}
