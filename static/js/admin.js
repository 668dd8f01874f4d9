/* Names for the parts of select2 (the admin's autocomplete widgets) that select2 4.0 leaves without
   one: a single choice with nothing chosen yet (its name was the chosen item alone), and the search
   box of a multiple choice (tags) or of an open list. Each takes the label of the <select> it stands
   for. select2 draws them after the page has loaded and whenever an inline row is added or a list
   opens, so they are named as they appear. Loaded on every admin page (templates/admin/base_site.html). */
"use strict";
{
  const PARTS = ".select2-container, .select2-search__field";

  function labelFor(select) {
    return select.id ? document.querySelector(`label[for="${CSS.escape(select.id)}"]`) : null;
  }

  function labelText(select) {
    const label = labelFor(select);
    return (label ? label.textContent : select.getAttribute("aria-label") || "").replace(/:\s*$/, "").trim();
  }

  function nameSingle(select, selection) {
    const label = labelFor(select);
    const rendered = selection.querySelector(".select2-selection__rendered");
    if (label && rendered && rendered.id) {
      if (!label.id) label.id = `${select.id}-label`;
      // The field's name, then what is chosen: "Author Maren Okafor".
      selection.setAttribute("aria-labelledby", `${label.id} ${rendered.id}`);
      // What is chosen is shown in a read-only textbox, named by its title when something is chosen.
      rendered.setAttribute("aria-labelledby", label.id);
    } else if (labelText(select)) {
      selection.setAttribute("aria-label", labelText(select));
    }
  }

  function nameSearch(select, search) {
    const text = labelText(select);
    if (text && search.getAttribute("aria-label") !== text) search.setAttribute("aria-label", text);
  }

  function nameAll() {
    for (const select of document.querySelectorAll("select[data-select2-id]")) {
      const container = select.nextElementSibling;
      if (!container || !container.classList.contains("select2-container")) continue;
      const selection = container.querySelector(".select2-selection--single");
      if (selection) nameSingle(select, selection);
      const search = container.querySelector(".select2-search__field");
      if (search) nameSearch(select, search);
    }
    // The search box of an open list lives in a dropdown at the end of the page; it says which list it controls.
    for (const search of document.querySelectorAll(".select2-dropdown .select2-search__field")) {
      const match = /^select2-(.+)-results$/.exec(search.getAttribute("aria-controls") || "");
      const select = match && document.getElementById(match[1]);
      if (select) nameSearch(select, search);
    }
  }

  function drewParts(mutations) {
    return mutations.some((mutation) =>
      [...mutation.addedNodes].some(
        (node) => node.nodeType === Node.ELEMENT_NODE && (node.matches(PARTS) || node.querySelector(PARTS))
      )
    );
  }

  new MutationObserver((mutations) => {
    if (drewParts(mutations)) nameAll();
  }).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", nameAll);
}
