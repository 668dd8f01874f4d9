/* Who else has this article's form open (articles/presence.py): a heartbeat every few seconds,
   answered with the others' names and since when; the form's #desk-presence says so. Closing the
   form says goodbye, so that the others' notice goes at once rather than after the timeout. */
"use strict";
(() => {
  const root = document.getElementById("desk-editing");
  const notice = document.getElementById("desk-presence");
  const form = document.getElementById("article_form");
  if (!root || !notice || !form || !root.dataset.presenceUrl) return;

  const url = root.dataset.presenceUrl;
  const every = (parseFloat(root.dataset.heartbeatSeconds) || 15) * 1000;
  const csrf = () => form.querySelector("[name=csrfmiddlewaretoken]")?.value || "";

  function show(message) {
    // Only when it changes: a live region repeating the same sentence every beat would be noise.
    if (notice.textContent === message) return;
    notice.textContent = message;
    notice.hidden = !message;
  }

  async function beat() {
    try {
      const response = await fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrf(), Accept: "application/json" },
      });
      if (response.ok) show((await response.json()).message || "");
    } catch (error) {
      // Offline for a moment: the next beat tries again, and the notice stays as it was.
    }
  }

  function leave() {
    const body = new FormData();
    body.append("csrfmiddlewaretoken", csrf());
    body.append("leaving", "1");
    navigator.sendBeacon(url, body);
  }

  beat();
  window.setInterval(beat, every);
  // Back from another tab: say so now rather than at the next beat.
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") beat();
  });
  window.addEventListener("pagehide", leave);
})();
