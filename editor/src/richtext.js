// The admin's body editor: Tiptap (ProseMirror) over each <textarea data-richtext>.
// The textarea stays in the form and always holds the editor's HTML; the server sanitises it
// again on save (magazine/sanitize.py). No inline script or style: CSP-clean.
import { Editor, Mark, Node } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";

const text = (element) => (element ? element.textContent.trim() : "");

// A picture from the media library. The server rebuilds the figure from data-image on save,
// so the editor only keeps what it needs to show the picture and its caption.
const LibraryFigure = Node.create({
  name: "libraryFigure",
  group: "block",
  atom: true,
  draggable: true,
  selectable: true,
  addAttributes() {
    return {
      id: { default: null, parseHTML: (el) => el.getAttribute("data-image") },
      src: { default: "", parseHTML: (el) => el.querySelector("img")?.getAttribute("src") || "" },
      alt: { default: "", parseHTML: (el) => el.querySelector("img")?.getAttribute("alt") || "" },
      credit: { default: "", parseHTML: (el) => text(el.querySelector("figcaption small")) },
      caption: {
        default: "",
        parseHTML: (el) => {
          const caption = el.querySelector("figcaption");
          if (!caption) return "";
          return [...caption.childNodes]
            .filter((child) => child.nodeName !== "SMALL")
            .map((child) => child.textContent)
            .join("")
            .trim();
        },
      },
    };
  },
  parseHTML() {
    return [{ tag: "figure[data-image]" }];
  },
  renderHTML({ node }) {
    const { id, src, alt, caption, credit } = node.attrs;
    const figure = ["figure", { "data-image": id }, ["img", { src, alt }]];
    if (caption || credit) {
      const figcaption = ["figcaption", {}];
      if (caption) figcaption.push(credit ? `${caption} ` : caption);
      if (credit) figcaption.push(["small", {}, credit]);
      figure.push(figcaption);
    }
    return figure;
  },
});

// Google Docs and Word mark bold and italics with inline styles, which this page's CSP stops the
// browser from reading as styles. Turn them into elements before the editor parses a paste (the
// same rules as magazine/sanitize.py applies on the server).
const STYLE_ELEMENTS = [
  [/(?:^|;)\s*font-weight\s*:\s*(bold|bolder|[6-9]00)\b/i, "strong"],
  [/(?:^|;)\s*font-style\s*:\s*italic\b/i, "em"],
  [/(?:^|;)\s*vertical-align\s*:\s*super\b/i, "sup"],
  [/(?:^|;)\s*vertical-align\s*:\s*sub\b/i, "sub"],
  [/(?:^|;)\s*text-decoration(-line)?\s*:[^;]*line-through/i, "s"],
];
const NOT_BOLD = /(?:^|;)\s*font-weight\s*:\s*(normal|[1-4]00)\b/i;

function semanticPaste(html) {
  // Style sheets, scripts, style attributes and event handlers go (or are renamed) before parsing,
  // so that the CSP is not asked about them; the server drops whatever else a paste carries.
  const renamed = html
    .replace(/<(style|script)\b[\s\S]*?<\/\1\s*>/gi, "")
    .replace(/<[^>]+>/g, (tag) => tag.replace(/([\s/])(style|on\w+)(\s*=)/gi, "$1data-pasted-$2$3"));
  const doc = new DOMParser().parseFromString(renamed, "text/html"); // inert: nothing in it runs
  for (const node of doc.body.querySelectorAll("b[data-pasted-style], span[data-pasted-style]")) {
    const style = node.getAttribute("data-pasted-style");
    if (node.localName === "b") {
      if (NOT_BOLD.test(style)) node.replaceWith(...node.childNodes);
      continue;
    }
    let inner = node;
    for (const [pattern, tag] of STYLE_ELEMENTS) {
      if (!pattern.test(style)) continue;
      const wrapper = doc.createElement(tag);
      wrapper.append(...inner.childNodes);
      inner.append(wrapper);
      inner = wrapper;
    }
  }
  for (const node of doc.body.querySelectorAll("*")) {
    for (const { name } of [...node.attributes]) if (name.startsWith("data-pasted-")) node.removeAttribute(name);
  }
  return doc.body.innerHTML;
}

// Inline elements the sanitiser allows that Tiptap has no mark for: without these, opening an
// article in the editor and saving it would strip them.
const inlineMark = (tag, attributes = []) =>
  Mark.create({
    name: `${tag}Element`,
    addAttributes: () => Object.fromEntries(attributes.map((name) => [name, { default: null }])),
    parseHTML: () => [{ tag }],
    renderHTML: ({ HTMLAttributes }) => [tag, HTMLAttributes, 0],
  });
const INLINE_MARKS = [
  inlineMark("cite"),
  inlineMark("q", ["cite"]),
  inlineMark("abbr", ["title"]),
  inlineMark("small"),
  inlineMark("sub"),
  inlineMark("sup"),
];

function element(tag, attributes = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children) node.append(child);
  return node;
}

// [label, shortcut, command, is-active test]
const BUTTONS = [
  ["Heading", "Ctrl+Alt+2", (e) => e.chain().focus().toggleHeading({ level: 2 }).run(), (e) => e.isActive("heading", { level: 2 })],
  ["Subheading", "Ctrl+Alt+3", (e) => e.chain().focus().toggleHeading({ level: 3 }).run(), (e) => e.isActive("heading", { level: 3 })],
  ["Bold", "Ctrl+B", (e) => e.chain().focus().toggleBold().run(), (e) => e.isActive("bold")],
  ["Italic", "Ctrl+I", (e) => e.chain().focus().toggleItalic().run(), (e) => e.isActive("italic")],
  ["Link", "Ctrl+K", (e) => editLink(e), (e) => e.isActive("link")],
  ["Bulleted list", "Ctrl+Shift+8", (e) => e.chain().focus().toggleBulletList().run(), (e) => e.isActive("bulletList")],
  ["Numbered list", "Ctrl+Shift+7", (e) => e.chain().focus().toggleOrderedList().run(), (e) => e.isActive("orderedList")],
  ["Quotation", "Ctrl+Shift+B", (e) => e.chain().focus().toggleBlockquote().run(), (e) => e.isActive("blockquote")],
  ["Picture", "Ctrl+Shift+P", (e) => e.storage.picker.open(), null],
  ["Undo", "Ctrl+Z", (e) => e.chain().focus().undo().run(), null],
  ["Redo", "Ctrl+Shift+Z", (e) => e.chain().focus().redo().run(), null],
];

function editLink(editor) {
  const current = editor.getAttributes("link").href || "https://";
  const href = window.prompt("Link address (https://…, or empty to remove the link)", current);
  if (href === null) {
    editor.commands.focus();
  } else if (href.trim() === "") {
    editor.chain().focus().extendMarkRange("link").unsetLink().run();
  } else {
    editor.chain().focus().extendMarkRange("link").setLink({ href: href.trim() }).run();
  }
  return true;
}

// The library picker: a modal <dialog> (focus stays inside, Escape closes it).
function makePicker(editor, textarea) {
  const search = element("input", { type: "search", placeholder: "Search alt text, caption, credit", "aria-label": "Search the library" });
  const results = element("ul", { class: "richtext-picker-results", "aria-live": "polite" });
  const cancel = element("button", { type: "button", class: "button" }, ["Cancel"]);
  const add = element("a", { href: textarea.dataset.libraryAddUrl, target: "_blank", rel: "noopener" }, ["Add a picture to the library"]);
  const title = element("h2", { id: `${textarea.id}-picker-title` }, ["Insert a picture from the library"]);
  const dialog = element("dialog", { class: "richtext-picker", "aria-labelledby": title.id }, [
    title,
    search,
    results,
    element("p", {}, [add, " ", cancel]),
  ]);
  document.body.append(dialog);

  let timer;
  async function load() {
    const url = new URL(textarea.dataset.pickerUrl, window.location.href);
    url.searchParams.set("q", search.value);
    const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
    const { results: images } = await response.json();
    results.replaceChildren(
      ...(images.length
        ? images.map((image) => {
            const choose = element("button", { type: "button", class: "richtext-picker-choice" }, [
              element("img", { src: image.thumbnail, alt: "" }),
              element("span", {}, [image.alt]),
            ]);
            choose.addEventListener("click", () => {
              dialog.close();
              editor.chain().focus().insertContent({ type: "libraryFigure", attrs: image }).run();
            });
            return element("li", {}, [choose]);
          })
        : [element("li", {}, ["No pictures found."])]),
    );
  }
  search.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(load, 200);
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

function mount(textarea) {
  const label = document.querySelector(`label[for="${textarea.id}"]`);
  const toolbar = element("div", { role: "toolbar", class: "richtext-toolbar", "aria-label": "Formatting" });
  const surface = element("div", { class: "richtext-surface" });
  const wrapper = element("div", { class: "richtext" }, [toolbar, surface]);
  textarea.classList.add("richtext-source");
  textarea.setAttribute("hidden", "");
  textarea.after(wrapper);

  const editor = new Editor({
    element: surface,
    content: textarea.value,
    injectCSS: false, // the CSP allows no inline <style>; static/richtext/richtext.css styles it
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3, 4] },
        codeBlock: false,
        underline: false,
        link: { openOnClick: false, autolink: true, protocols: ["mailto"], HTMLAttributes: { target: null, rel: "noopener noreferrer" } },
      }),
      LibraryFigure,
      ...INLINE_MARKS,
    ],
    editorProps: {
      transformPastedHTML: semanticPaste,
      attributes: {
        role: "textbox",
        "aria-multiline": "true",
        "aria-label": label ? label.textContent.replace(/:$/, "").trim() : "Body",
        class: "richtext-content",
      },
    },
    onUpdate: ({ editor }) => {
      textarea.value = editor.getHTML();
    },
  });
  editor.storage.picker = makePicker(editor, textarea);
  textarea.richtextEditor = editor;

  const buttons = BUTTONS.map(([name, shortcut, command, active]) => {
    const button = element("button", { type: "button", title: `${name} (${shortcut})`, "aria-keyshortcuts": shortcut.replace("Ctrl", "Control") }, [name]);
    if (active) button.setAttribute("aria-pressed", "false");
    // A mouse click leaves the caret and focus in the text; keyboard users still Tab to the buttons.
    button.addEventListener("mousedown", (event) => event.preventDefault());
    button.addEventListener("click", () => command(editor));
    toolbar.append(button);
    return [button, active];
  });
  const refresh = () => {
    for (const [button, active] of buttons) if (active) button.setAttribute("aria-pressed", String(active(editor)));
  };
  editor.on("selectionUpdate", refresh);
  editor.on("transaction", refresh);

  // Shortcuts that Tiptap does not bind itself.
  surface.addEventListener("keydown", (event) => {
    const mod = event.ctrlKey || event.metaKey;
    if (mod && !event.shiftKey && event.key.toLowerCase() === "k") {
      event.preventDefault();
      editLink(editor);
    } else if (mod && event.shiftKey && event.key.toLowerCase() === "p") {
      event.preventDefault();
      editor.storage.picker.open();
    }
  });
  textarea.form?.addEventListener("submit", () => {
    textarea.value = editor.getHTML();
  });
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("textarea[data-richtext]").forEach(mount);
});
