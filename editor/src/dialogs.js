// The editor's dialogs: modal <dialog>s (the rest of the page is inert while one is open, Escape
// closes it, focus goes back to the text), each labelled by its heading. They talk to the media
// library's admin endpoints (images/admin.py) with the form's CSRF token.

export function element(tag, attributes = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children) node.append(child);
  return node;
}

let counter = 0;
const uid = (name) => `richtext-${name}-${++counter}`;

function field(label, attributes = {}, help = "") {
  const id = uid("field");
  const input = element(attributes.tag || "input", { id, ...Object.fromEntries(Object.entries(attributes).filter(([k]) => k !== "tag")) });
  const error = element("p", { class: "richtext-error", id: `${id}-error`, hidden: "" });
  const parts = [element("label", { for: id }, [label]), input];
  if (help) {
    const hint = element("p", { class: "richtext-help", id: `${id}-help` }, [help]);
    input.setAttribute("aria-describedby", hint.id);
    parts.push(hint);
  }
  parts.push(error);
  return { input, error, row: element("div", { class: "richtext-field" }, parts) };
}

function showError(entry, messages) {
  const text = (messages || []).join(" ");
  entry.error.textContent = text;
  entry.error.hidden = !text;
  if (text) {
    entry.input.setAttribute("aria-invalid", "true");
    entry.input.setAttribute("aria-describedby", [entry.input.getAttribute("aria-describedby"), entry.error.id].filter(Boolean).join(" "));
  } else {
    entry.input.removeAttribute("aria-invalid");
    entry.input.setAttribute("aria-describedby", (entry.input.getAttribute("aria-describedby") || "").replace(entry.error.id, "").trim());
  }
}

function modal(title, className) {
  const heading = element("h2", { id: uid("title") }, [title]);
  const dialog = element("dialog", { class: `richtext-dialog ${className}`, "aria-labelledby": heading.id }, [heading]);
  document.body.append(dialog);
  return dialog;
}

function csrfToken(textarea) {
  return textarea.form?.querySelector("input[name=csrfmiddlewaretoken]")?.value || "";
}

async function post(url, textarea, data) {
  const response = await fetch(url, {
    method: "POST",
    body: data,
    credentials: "same-origin",
    headers: { Accept: "application/json", "X-CSRFToken": csrfToken(textarea) },
  });
  let body = {};
  try {
    body = await response.json();
  } catch {
    body = { errors: { __all__: [`The server answered ${response.status}. Try again, or save your work and reload.`] } };
  }
  return { ok: response.ok, body };
}

const IMAGE_TYPES = ["image/jpeg", "image/png", "image/webp", "image/gif"];
export const isPicture = (file) => IMAGE_TYPES.includes(file.type);

// A picture dropped, pasted or chosen: the alt text is asked for before it goes to the library.
export function makeUploader(editor, textarea) {
  const dialog = modal("Add a picture to the library", "richtext-upload");
  const preview = element("img", { class: "richtext-upload-preview", alt: "" });
  const name = element("p", { class: "richtext-upload-name" });
  const alt = field("Alt text (required)", { type: "text", required: "", maxlength: "300" }, "What the picture shows, for readers who cannot see it.");
  const caption = field("Caption", { type: "text", maxlength: "300" });
  const credit = field("Credit", { type: "text", maxlength: "200" }, "Who made it, e.g. “Photo: Ana Lima / Neon”.");
  const general = element("p", { class: "richtext-error", role: "alert", hidden: "" });
  const submit = element("button", { type: "submit", class: "button default" }, ["Add and insert"]);
  const cancel = element("button", { type: "button", class: "button" }, ["Cancel"]);
  const form = element("form", { method: "dialog", novalidate: "" }, [
    element("div", { class: "richtext-upload-file" }, [preview, name]),
    alt.row, caption.row, credit.row, general,
    element("p", { class: "richtext-dialog-buttons" }, [submit, cancel]),
  ]);
  dialog.append(form);
  let file = null;
  let position = null;

  cancel.addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => editor.commands.focus());
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    showError(alt, []);
    general.hidden = true;
    if (!alt.input.value.trim()) {
      showError(alt, ["Describe the picture for readers who cannot see it."]);
      alt.input.focus();
      return;
    }
    const data = new FormData();
    data.append("upload", file, file.name || "pasted-picture");
    data.append("alt", alt.input.value.trim());
    data.append("caption", caption.input.value.trim());
    data.append("credit", credit.input.value.trim());
    submit.disabled = true;
    submit.textContent = "Adding…";
    try {
      const { ok, body } = await post(textarea.dataset.uploadUrl, textarea, data);
      if (!ok) {
        const errors = body.errors || {};
        showError(alt, errors.alt);
        general.textContent = [...(errors.upload || []), ...(errors.__all__ || [])].join(" ");
        general.hidden = !general.textContent;
        (errors.alt ? alt.input : submit).focus();
        return;
      }
      dialog.close();
      const content = { type: "libraryFigure", attrs: body };
      if (position !== null) editor.chain().focus().insertContentAt(position, content).run();
      else editor.chain().focus().insertContent(content).run();
    } catch {
      general.textContent = "The picture could not be sent. Check the connection and try again.";
      general.hidden = false;
    } finally {
      submit.disabled = false;
      submit.textContent = "Add and insert";
    }
  });

  return {
    open(chosen, at = null) {
      file = chosen;
      position = at;
      form.reset();
      for (const entry of [alt, caption, credit]) showError(entry, []);
      general.hidden = true;
      name.textContent = `${file.name || "Pasted picture"} (${Math.max(1, Math.round(file.size / 1024))} KB)`;
      // A data: address, which the CSP allows for pictures (a blob: one it would not).
      const reader = new FileReader();
      reader.addEventListener("load", () => preview.setAttribute("src", reader.result));
      reader.readAsDataURL(file);
      dialog.showModal();
      alt.input.focus();
    },
  };
}

// The library: search it, choose a picture, or add a new one from this computer.
export function makePicker(editor, textarea, uploader) {
  const dialog = modal("Insert a picture from the library", "richtext-picker");
  const search = element("input", { type: "search", placeholder: "Search alt text, caption, credit", "aria-label": "Search the library" });
  const results = element("ul", { class: "richtext-picker-results", "aria-label": "Pictures in the library" });
  const status = element("p", { class: "richtext-picker-status", role: "status" });
  const chooser = element("input", { type: "file", accept: IMAGE_TYPES.join(","), class: "richtext-file", hidden: "" });
  const add = element("button", { type: "button", class: "button" }, ["Upload a new picture…"]);
  const cancel = element("button", { type: "button", class: "button" }, ["Cancel"]);
  dialog.append(search, status, results, element("p", { class: "richtext-dialog-buttons" }, [add, cancel]), chooser);

  let timer;
  async function load() {
    const url = new URL(textarea.dataset.pickerUrl, window.location.href);
    url.searchParams.set("q", search.value);
    const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
    const { results: images } = await response.json();
    status.textContent = images.length ? `${images.length} picture${images.length === 1 ? "" : "s"}` : "No pictures found.";
    results.replaceChildren(
      ...images.map((image) => {
        const choose = element("button", { type: "button", class: "richtext-picker-choice" }, [
          element("img", { src: image.thumbnail, alt: "" }),
          element("span", {}, [image.alt]),
        ]);
        choose.addEventListener("click", () => {
          dialog.close();
          editor.chain().focus().insertContent({ type: "libraryFigure", attrs: image }).run();
        });
        return element("li", {}, [choose]);
      }),
    );
  }
  search.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(load, 200);
  });
  add.addEventListener("click", () => chooser.click());
  chooser.addEventListener("change", () => {
    const file = chooser.files[0];
    chooser.value = "";
    if (!file) return;
    dialog.close();
    uploader.open(file);
  });
  cancel.addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => editor.commands.focus());
  return {
    async open() {
      await load();
      dialog.showModal();
      search.focus();
      return true;
    },
  };
}

// A video or a page to embed: its address is looked up (title, poster) before it is placed.
export function makeEmbedder(editor, textarea) {
  const dialog = modal("Embed a video or a link", "richtext-embed");
  const address = field("Address", { type: "url", required: "", placeholder: "https://" }, "A YouTube or Vimeo video, or any https page for a link card.");
  const lookUp = element("button", { type: "button", class: "button" }, ["Look up"]);
  const title = field("Title shown on the placeholder", { type: "text", maxlength: "200" });
  const poster = element("img", { class: "richtext-embed-poster", alt: "", hidden: "" });
  const found = element("div", { class: "richtext-embed-found", hidden: "" }, [poster, title.row]);
  const status = element("p", { class: "richtext-picker-status", role: "status" });
  const submit = element("button", { type: "submit", class: "button default", disabled: "" }, ["Insert"]);
  const cancel = element("button", { type: "button", class: "button" }, ["Cancel"]);
  const form = element("form", { method: "dialog", novalidate: "" }, [
    address.row, element("p", {}, [lookUp]), status, found,
    element("p", { class: "richtext-dialog-buttons" }, [submit, cancel]),
  ]);
  dialog.append(form);
  let embed = null;

  async function resolve() {
    showError(address, []);
    embed = null;
    found.hidden = true;
    submit.disabled = true;
    status.textContent = "Looking it up…";
    const data = new FormData();
    data.append("url", address.input.value.trim());
    try {
      const { ok, body } = await post(textarea.dataset.embedUrl, textarea, data);
      if (!ok) {
        status.textContent = "";
        showError(address, body.errors?.url || body.errors?.__all__);
        address.input.focus();
        return;
      }
      embed = body;
      title.input.value = body.title || "";
      if (body.poster) poster.setAttribute("src", body.poster.thumbnail);
      poster.hidden = !body.poster;
      found.hidden = false;
      submit.disabled = false;
      status.textContent = body.player
        ? `A video on ${body.label}${body.poster ? ", with its poster" : ""}. Readers load nothing from ${body.label} until they click it.`
        : `A link card for ${body.host}.`;
      title.input.focus();
    } catch {
      status.textContent = "The address could not be looked up. Check the connection and try again.";
    }
  }
  lookUp.addEventListener("click", resolve);
  address.input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      resolve();
    }
  });
  cancel.addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => editor.commands.focus());
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!embed) return;
    const attrs = {
      url: embed.url,
      player: embed.player,
      label: embed.label,
      host: embed.host,
      title: title.input.value.trim(),
      poster: embed.poster ? String(embed.poster.id) : null,
      posterSrc: embed.poster ? embed.poster.src : "",
    };
    dialog.close();
    editor.chain().focus().insertContent({ type: "embed", attrs }).run();
  });

  return {
    open(url = "") {
      form.reset();
      showError(address, []);
      found.hidden = true;
      submit.disabled = true;
      status.textContent = "";
      address.input.value = url;
      dialog.showModal();
      address.input.focus();
      if (url) resolve();
      return true;
    },
  };
}
