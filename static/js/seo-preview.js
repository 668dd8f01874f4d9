// The article form's search-result and shared-card previews (articles/admin/seo.py), kept current
// as the headline, address, dek, SEO title and meta description are typed. The fallbacks are the
// reader's page's: the headline for the title, the dek then the body's first words for the line
// under it.
(function () {
  "use strict";

  function shorten(text, length) {
    var chars = Array.from(text);
    if (chars.length <= length) return text;
    return chars.slice(0, length - 1).join("").replace(/\s+\S*$/, "") + "…";
  }

  function oneLine(text) {
    return (text || "").split(/\s+/).filter(Boolean).join(" ");
  }

  function value(id) {
    var field = document.getElementById(id);
    return field ? oneLine(field.value) : "";
  }

  function setUp(preview) {
    var data = preview.dataset;
    var titleShown = parseInt(data.titleShown, 10) || 60;
    var descriptionLength = parseInt(data.descriptionLength, 10) || 160;

    function update() {
      var title = value("id_seo_title") || value("id_title");
      var description = value("id_seo_description") || value("id_dek") || data.bodyDescription || title;
      var slug = value("id_slug");
      preview.querySelectorAll("[data-seo-title]").forEach(function (node) {
        node.textContent = node.hasAttribute("data-seo-shorten") ? shorten(title, titleShown) : title;
      });
      preview.querySelectorAll("[data-seo-description]").forEach(function (node) {
        node.textContent = shorten(description, descriptionLength);
      });
      preview.querySelectorAll("[data-seo-url]").forEach(function (node) {
        node.textContent = slug ? data.urlTemplate.replace(data.slugPlaceholder, slug) : "";
      });
    }

    ["id_title", "id_slug", "id_dek", "id_seo_title", "id_seo_description"].forEach(function (id) {
      var field = document.getElementById(id);
      if (field) field.addEventListener("input", update);
    });
    // The address is filled in from the headline by the admin's own script, which sends no input event.
    var title = document.getElementById("id_title");
    if (title) title.addEventListener("keyup", update);
    update();
  }

  function start() {
    document.querySelectorAll("[data-seo-preview]").forEach(setUp);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
