// The media library's change page: click the picture to set its focal point, or drag on it to draw
// the box a use (card, share image) is cropped to. It only fills the form's fields, which work
// without it; the crops are made when the form is saved. No inline script or style (the CSP).
(function () {
  "use strict";

  var MODES = [
    ["focus", "Set the focal point (click)"],
    ["card", "Draw the card’s crop (drag)"],
    ["share", "Draw the share crop (drag)"],
  ];

  function clamp(value) {
    return Math.min(1, Math.max(0, value));
  }

  function round(value, digits) {
    var scale = Math.pow(10, digits);
    return Math.round(value * scale) / scale;
  }

  function mount(frame) {
    var image = frame.querySelector("img");
    var focusX = document.getElementById("id_focus_x");
    var focusY = document.getElementById("id_focus_y");
    if (!image || !focusX || !focusY) return;
    var boxes = { card: document.getElementById("id_card_crop"), share: document.getElementById("id_share_crop") };

    var marker = document.createElement("span");
    marker.className = "focal-point-marker";
    var outline = document.createElement("span");
    outline.className = "focal-point-box";
    outline.hidden = true;
    frame.append(marker, outline);

    var status = document.createElement("p");
    status.className = "focal-point-status";
    status.setAttribute("role", "status");
    var modes = document.createElement("fieldset");
    modes.className = "focal-point-modes";
    var legend = document.createElement("legend");
    legend.textContent = "What a click on the picture sets";
    modes.append(legend);
    MODES.forEach(function (entry, index) {
      var label = document.createElement("label");
      var radio = document.createElement("input");
      radio.type = "radio";
      radio.name = "focal-point-mode";
      radio.value = entry[0];
      radio.checked = index === 0;
      label.append(radio, " ", entry[1]);
      modes.append(label);
    });
    frame.after(modes, status);

    function mode() {
      return modes.querySelector("input:checked").value;
    }

    function showFocus() {
      // Set through the CSSOM, which the CSP allows (a style attribute it would not).
      marker.style.left = clamp(parseFloat(focusX.value) || 0.5) * 100 + "%";
      marker.style.top = clamp(parseFloat(focusY.value) || 0.5) * 100 + "%";
    }

    function showBox() {
      var field = boxes[mode()];
      var parts = field && field.value ? field.value.split(",").map(parseFloat) : [];
      outline.hidden = parts.length !== 4 || parts.some(isNaN);
      if (outline.hidden) return;
      outline.style.left = parts[0] + "%";
      outline.style.top = parts[1] + "%";
      outline.style.width = parts[2] - parts[0] + "%";
      outline.style.height = parts[3] - parts[1] + "%";
    }

    function point(event) {
      var rect = image.getBoundingClientRect();
      return [clamp((event.clientX - rect.left) / rect.width), clamp((event.clientY - rect.top) / rect.height)];
    }

    var start = null;
    image.addEventListener("pointerdown", function (event) {
      event.preventDefault();
      start = point(event);
    });
    image.addEventListener("pointermove", function (event) {
      if (!start || mode() === "focus") return;
      var end = point(event);
      boxes[mode()].value = [
        Math.min(start[0], end[0]), Math.min(start[1], end[1]), Math.max(start[0], end[0]), Math.max(start[1], end[1]),
      ].map(function (value) { return round(value * 100, 1); }).join(", ");
      showBox();
    });
    image.addEventListener("pointerup", function (event) {
      if (!start) return;
      var end = point(event);
      if (mode() === "focus") {
        focusX.value = round(end[0], 3);
        focusY.value = round(end[1], 3);
        showFocus();
        status.textContent = "Focal point set at " + Math.round(end[0] * 100) + "% across, " +
          Math.round(end[1] * 100) + "% down. Save to make the crops anew.";
      } else {
        status.textContent = "Box drawn: " + boxes[mode()].value + ". Save to make the crop.";
      }
      start = null;
    });
    modes.addEventListener("change", showBox);
    focusX.addEventListener("input", showFocus);
    focusY.addEventListener("input", showFocus);
    Object.keys(boxes).forEach(function (use) {
      if (boxes[use]) boxes[use].addEventListener("input", showBox);
    });
    showFocus();
    showBox();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-focal-point]").forEach(mount);
  });
})();
