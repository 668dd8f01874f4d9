/* The article form never loses work (articles/autosave.py, articles/admin_autosave.py):
   - its fields save themselves into the writer's autosave every few seconds of typing and when a
     field is left (no revision, no move of the article's lock version);
   - unsaved changes newer than the saved article are offered back, to restore or discard;
   - leaving the page with edits not saved into the article asks first;
   - Ctrl-S (Cmd-S) is "Save and continue editing";
   - the body's word count and reading time follow the typing.
   No inline script or style: the page's settings come from #desk-editing's data attributes. */
"use strict";
(() => {
  const WORDS_PER_MINUTE = 230; // articles/text.py
  const WORD = /[\p{L}\p{M}\p{N}_]+(?:[’'-][\p{L}\p{M}\p{N}_]+)*/gu; // articles/text.py's \w+(?:[’'-]\w+)*
  const SETTLE_MS = 600; // screen readers hear the count once typing pauses
  const CHECK_MS = 2000; // changes no event announces (select2, an inline row added) are found by looking
  const SKIPPED = new Set(["csrfmiddlewaretoken", "lock_version"]);
  const MANAGEMENT = /-(TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS$/;

  const root = document.getElementById("desk-editing");
  const form = document.getElementById("article_form");
  if (!root || !form) return;

  const settings = {
    url: root.dataset.autosaveUrl,
    every: (parseFloat(root.dataset.autosaveSeconds) || 10) * 1000,
  };
  const status = document.getElementById("autosave-status");
  const offer = document.getElementById("autosave-offer");
  const csrf = () => form.querySelector("[name=csrfmiddlewaretoken]")?.value || "";
  const lockVersion = () => form.querySelector("[name=lock_version]")?.value || "";

  const editors = () => [...form.querySelectorAll("textarea[data-richtext]")].filter((t) => t.richtextEditor);

  // --- The form's state --------------------------------------------------------------

  function fieldsOf() {
    const fields = {};
    const labels = {};
    for (const element of form.elements) {
      const name = element.name;
      if (!name || element.disabled || SKIPPED.has(name) || name.includes("__prefix__")) continue;
      if (["file", "submit", "button", "reset", "image"].includes(element.type) || element.localName === "button") continue;
      if (element.localName === "fieldset" || element.localName === "output") continue;
      const values = (fields[name] = fields[name] || []);
      if (element.type === "checkbox" || element.type === "radio") {
        if (element.checked) values.push(element.value);
      } else if (element.localName === "select") {
        for (const option of element.selectedOptions) {
          values.push(option.value);
          if (option.text !== option.value) (labels[name] = labels[name] || {})[option.value] = option.text;
        }
      } else if (element.richtextEditor) {
        values.push(element.richtextEditor.getHTML());
      } else {
        values.push(element.value);
      }
    }
    return { fields, labels };
  }

  const keyOf = (state) => JSON.stringify(state.fields);

  let baseline = null; // the form as it was opened (the saved article, or an empty new one)
  let lastSaved = null; // the form as last autosaved
  let hasAutosave = Boolean(offer);
  // Until the earlier changes on offer are restored or discarded, autosaving would overwrite them.
  let offerPending = Boolean(offer);
  let submitting = false;
  let timer = null;
  let inFlight = null;
  let again = false;

  const isDirty = () => baseline !== null && keyOf(fieldsOf()) !== baseline;

  function say(text, failed = false) {
    if (!status) return;
    status.textContent = text;
    status.classList.toggle("autosave-failed", failed);
    // Failures are announced; the routine "Autosaved at 10:42" every few seconds is not.
    if (failed) status.setAttribute("role", "alert");
    else status.removeAttribute("role");
  }

  // --- Autosaving --------------------------------------------------------------------

  async function autosave() {
    window.clearTimeout(timer);
    timer = null;
    if (submitting || baseline === null || offerPending) return;
    if (inFlight) {
      again = true;
      return;
    }
    const state = fieldsOf();
    const key = keyOf(state);
    if (key === lastSaved || (key === baseline && !hasAutosave)) return;
    const controller = new AbortController();
    inFlight = controller;
    try {
      // Back to the article as saved: there is nothing unsaved left to keep.
      const discard = key === baseline;
      const response = await fetch(settings.url, {
        method: discard ? "DELETE" : "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
        body: discard ? null : JSON.stringify({ ...state, lock_version: lockVersion() }),
        signal: controller.signal,
      });
      const answer = await response.json().catch(() => ({}));
      if (loggedOut(response)) {
        say(LOGGED_OUT, true);
      } else if (response.ok) {
        lastSaved = key;
        hasAutosave = !discard;
        say(discard ? "" : answer.message || "Autosaved.");
      } else {
        say(`Not autosaved: ${answer.error || response.statusText}. Your text is still here; save the article to keep it.`, true);
      }
    } catch (error) {
      if (error.name !== "AbortError") {
        say("Not autosaved: the desk could not be reached. Your text is still here; it will try again.", true);
        schedule();
      }
    } finally {
      inFlight = null;
      if (again) {
        again = false;
        schedule();
      }
    }
  }

  // An expired session answers with the login page (a redirect, HTML) rather than JSON.
  const LOGGED_OUT =
    "Not autosaved: you have been logged out. Log in again in another tab, then come back: your text is still here.";
  const loggedOut = (response) =>
    response.redirected || !(response.headers.get("Content-Type") || "").startsWith("application/json");

  function schedule() {
    // About every ten seconds while the writing goes on, not ten seconds after it stops.
    if (!timer && !submitting) timer = window.setTimeout(autosave, settings.every);
  }

  function changed() {
    if (baseline === null) return;
    if (!offerPending) schedule();
    // (Widgets that announce a change as they start up are no edit: only what differs is.)
    else if (isDirty()) say("Autosave waits until you restore or discard your earlier changes (above).");
  }

  // The last words before the tab closes: a request the browser finishes after the page is gone.
  function autosaveOnLeaving() {
    if (submitting || baseline === null || offerPending) return;
    const state = fieldsOf();
    const key = keyOf(state);
    if (key === lastSaved || key === baseline) return;
    try {
      fetch(settings.url, {
        method: "POST",
        credentials: "same-origin",
        keepalive: true,
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
        body: JSON.stringify({ ...state, lock_version: lockVersion() }),
      }).catch(() => {});
      lastSaved = key;
    } catch (error) {
      // Over the browser's 64 kB for such requests: the autosave of a few seconds ago stands.
    }
  }

  // --- Restoring ---------------------------------------------------------------------

  function addInlineRows(fields) {
    // Rows added but never saved: click the inline's own "Add another" until there are as many.
    for (const [name, values] of Object.entries(fields)) {
      const match = /^(.+)-TOTAL_FORMS$/.exec(name);
      const total = form.elements.namedItem(name);
      if (!match || !total) continue;
      const add = document.querySelector(`#${CSS.escape(match[1])}-group .add-row a`);
      let guard = 200;
      while (add && parseInt(total.value, 10) < parseInt(values[0], 10) && guard--) add.click();
    }
  }

  function restoreSelect(select, values, labels) {
    for (const value of values) {
      if (value !== "" && ![...select.options].some((option) => option.value === value)) {
        select.add(new Option(labels[value] || value, value));
      }
    }
    for (const option of select.options) option.selected = values.includes(option.value);
    // select2 (the autocompletes) redraws on jQuery's change event.
    if (window.django && window.django.jQuery) window.django.jQuery(select).trigger("change");
    else select.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function restore(saved) {
    addInlineRows(saved.fields);
    const labels = saved.labels || {};
    for (const [name, values] of Object.entries(saved.fields)) {
      if (SKIPPED.has(name) || MANAGEMENT.test(name)) continue;
      const found = form.elements.namedItem(name);
      if (!found) continue;
      const elements = found instanceof RadioNodeList ? [...found] : [found];
      for (const [index, element] of elements.entries()) {
        if (element.type === "checkbox" || element.type === "radio") {
          element.checked = values.includes(element.value);
          element.dispatchEvent(new Event("change", { bubbles: true }));
        } else if (element.localName === "select") {
          restoreSelect(element, values, labels[name] || {});
        } else if (element.richtextEditor) {
          element.richtextEditor.commands.setContent(values[index] ?? "", { emitUpdate: true });
          element.value = element.richtextEditor.getHTML();
        } else if (values[index] !== undefined) {
          element.value = values[index];
          element.dispatchEvent(new Event("input", { bubbles: true }));
        }
      }
    }
  }

  async function answerOffer(method) {
    const response = await fetch(settings.url, {
      method,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf(), Accept: "application/json" },
    });
    if (loggedOut(response)) throw new Error("you have been logged out; log in again in another tab");
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(answer.error || response.statusText);
    return answer;
  }

  function setUpOffer() {
    if (!offer) return;
    offer.hidden = false;
    offer.querySelector("[data-autosave-restore]").addEventListener("click", async () => {
      try {
        const saved = await answerOffer("GET");
        restore(saved);
        // Restored text is the autosave: no need to send it back, but it is not saved into the article.
        lastSaved = keyOf(fieldsOf());
        offerPending = false;
        offer.remove();
        say(saved.message);
      } catch (error) {
        say(`Your changes could not be restored: ${error.message}.`, true);
      }
      status.focus();
    });
    offer.querySelector("[data-autosave-discard]").addEventListener("click", async () => {
      try {
        say((await answerOffer("DELETE")).message);
        hasAutosave = false;
        offerPending = false;
        lastSaved = baseline;
        offer.remove();
      } catch (error) {
        say(`Your changes could not be discarded: ${error.message}.`, true);
      }
      status.focus();
    });
  }

  // --- Word count --------------------------------------------------------------------

  function setUpWordCount(textarea) {
    const editor = textarea.richtextEditor;
    const count = document.createElement("p");
    count.id = `${textarea.id}-words`;
    count.className = "body-count help";
    count.setAttribute("aria-live", "polite");
    const wrapper = textarea.nextElementSibling?.classList.contains("richtext") ? textarea.nextElementSibling : textarea;
    // Under the row the body shares with its label, as the admin sets help text: beside the editor,
    // in the row's flex box, it took the editor's width.
    (textarea.closest(".flex-container") || wrapper).insertAdjacentElement("afterend", count);
    const surface = wrapper.querySelector("[role=textbox]");
    if (surface) {
      const ids = (surface.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
      surface.setAttribute("aria-describedby", [...ids, count.id].join(" "));
    }
    const show = () => {
      const words = (editor.getText({ blockSeparator: " " }).match(WORD) || []).length;
      const minutes = Math.max(1, Math.ceil(words / WORDS_PER_MINUTE));
      count.textContent = `${words.toLocaleString("en-GB")} ${words === 1 ? "word" : "words"} · ${minutes} min read`;
    };
    let settle = null;
    editor.on("update", () => {
      window.clearTimeout(settle);
      settle = window.setTimeout(show, SETTLE_MS);
    });
    show();
  }

  // --- Keyboard: Ctrl/Cmd-S ----------------------------------------------------------

  function saveAndContinue(event) {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey || event.key.toLowerCase() !== "s") return;
    event.preventDefault(); // never the browser's "Save page as"
    if (document.querySelector("dialog[open]") || submitting) return;
    const button = form.querySelector("[name=_continue]");
    if (button) form.requestSubmit(button);
  }

  // --- Start -------------------------------------------------------------------------

  function start() {
    for (const textarea of editors()) {
      setUpWordCount(textarea);
      textarea.richtextEditor.on("update", changed);
    }
    const button = form.querySelector("[name=_continue]");
    if (button) {
      button.setAttribute("aria-keyshortcuts", "Control+S Meta+S");
      button.title = "Save and continue editing (Ctrl+S, or ⌘S on a Mac)";
    }
    baseline = keyOf(fieldsOf());
    lastSaved = baseline;
    // A save the server refused (an error, someone else's save first) came back with the writer's
    // edits in the form, not the saved article's: they are unsaved, to keep and to ask about.
    const refused = Boolean(form.querySelector(".errornote, .errorlist"));
    if (refused) baseline = "";
    setUpOffer();
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    if (window.django && window.django.jQuery) window.django.jQuery(form).on("change", "select", changed);
    // Leaving a field saves at once what it changed.
    form.addEventListener("focusout", (event) => {
      // Moving between the body's text and its toolbar or dialogs is not leaving the field.
      const widget = event.target.closest(".richtext");
      if (widget && event.relatedTarget && widget.contains(event.relatedTarget)) return;
      if (keyOf(fieldsOf()) !== (lastSaved ?? baseline)) autosave();
    });
    window.setInterval(() => {
      if (!timer && !inFlight && !offerPending && keyOf(fieldsOf()) !== (lastSaved ?? baseline)) schedule();
    }, CHECK_MS);
    form.addEventListener("submit", () => {
      submitting = true;
      window.clearTimeout(timer);
      if (inFlight) inFlight.abort();
    });
    document.addEventListener("keydown", saveAndContinue, true);
    window.addEventListener("beforeunload", (event) => {
      if (submitting || !isDirty()) return;
      event.preventDefault();
      event.returnValue = ""; // older browsers ask only when this is set
    });
    window.addEventListener("pagehide", autosaveOnLeaving);
    if (refused) autosave();
  }

  // After the body editor (static/richtext/richtext.js) has mounted on DOMContentLoaded.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => window.setTimeout(start));
  else window.setTimeout(start);
})();
