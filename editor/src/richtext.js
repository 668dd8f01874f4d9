// The admin's body editor: Tiptap (ProseMirror) over each <textarea data-richtext>.
// The textarea stays in the form and always holds the editor's HTML; the server sanitises it
// again on save (core/sanitize.py). No inline script or style: CSP-clean.
import { Editor, Mark, Node } from "@tiptap/core";
import { Table, TableCell, TableHeader, TableRow } from "@tiptap/extension-table";
import StarterKit from "@tiptap/starter-kit";
import { element, isPicture, makeEmbedder, makePicker, makeUploader } from "./dialogs.js";
import { Embed, VIDEO_ADDRESS } from "./embed.js";
import { Footnote, FootnoteReference, Footnotes, addFootnote } from "./footnotes.js";

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
// same rules as core/sanitize.py applies on the server).
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
  ["Embed", "Ctrl+Alt+E", (e) => e.storage.embedder.open(), null],
  ["Footnote", "Ctrl+Alt+F", (e) => addFootnote(e), null],
  ["Table", "Ctrl+Alt+T", (e) => e.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(), null],
  ["Undo", "Ctrl+Z", (e) => e.chain().focus().undo().run(), null],
  ["Redo", "Ctrl+Shift+Z", (e) => e.chain().focus().redo().run(), null],
];

// Shown while the caret is in a table: [label, command]. Cells are never merged (readers' tables
// have none: the sanitiser drops colspan and rowspan).
const TABLE_BUTTONS = [
  ["Add row", (e) => e.chain().focus().addRowAfter().run()],
  ["Add column", (e) => e.chain().focus().addColumnAfter().run()],
  ["Delete row", (e) => e.chain().focus().deleteRow().run()],
  ["Delete column", (e) => e.chain().focus().deleteColumn().run()],
  ["Header row", (e) => e.chain().focus().toggleHeaderRow().run()],
  ["Delete table", (e) => e.chain().focus().deleteTable().run()],
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
      Embed,
      FootnoteReference,
      Footnotes,
      Footnote,
      // No resizing (widths would not survive the sanitiser) and no wrapper: readers' CSS lays tables out.
      Table.configure({ resizable: false, renderWrapper: false, allowTableNodeSelection: false }),
      TableRow,
      TableHeader,
      TableCell,
      ...INLINE_MARKS,
    ],
    editorProps: {
      transformPastedHTML: semanticPaste,
      // A picture dropped or pasted goes to the library first, its alt text asked for (never a data: URL).
      handleDrop: (view, event, _slice, moved) => {
        const files = [...(event.dataTransfer?.files || [])].filter(isPicture);
        if (moved || !files.length) return false;
        event.preventDefault();
        const at = view.posAtCoords({ left: event.clientX, top: event.clientY });
        editor.storage.uploader.open(files[0], at ? at.pos : null);
        return true;
      },
      handlePaste: (_view, event) => {
        const files = [...(event.clipboardData?.files || [])].filter(isPicture);
        if (files.length) {
          event.preventDefault();
          editor.storage.uploader.open(files[0]);
          return true;
        }
        // A video's address pasted alone becomes an embed, looked up first.
        const pasted = (event.clipboardData?.getData("text/plain") || "").trim();
        if (VIDEO_ADDRESS.test(pasted) && !event.clipboardData.getData("text/html")) {
          event.preventDefault();
          editor.storage.embedder.open(pasted);
          return true;
        }
        return false;
      },
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
  editor.storage.uploader = makeUploader(editor, textarea);
  editor.storage.picker = makePicker(editor, textarea, editor.storage.uploader);
  editor.storage.embedder = makeEmbedder(editor, textarea);
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
  const tableTools = element("div", { role: "group", class: "richtext-table-tools", "aria-label": "Table", hidden: "" });
  for (const [name, command] of TABLE_BUTTONS) {
    const button = element("button", { type: "button" }, [name]);
    button.addEventListener("mousedown", (event) => event.preventDefault());
    button.addEventListener("click", () => command(editor));
    tableTools.append(button);
  }
  toolbar.append(tableTools);
  const refresh = () => {
    for (const [button, active] of buttons) if (active) button.setAttribute("aria-pressed", String(active(editor)));
    tableTools.hidden = !editor.isActive("table");
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
    } else if (mod && event.altKey && !event.shiftKey) {
      const command = { e: () => editor.storage.embedder.open(), f: () => addFootnote(editor),
        t: () => editor.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run() }[event.code.slice(-1).toLowerCase()];
      if (command && event.code.startsWith("Key")) {
        event.preventDefault();
        command();
      }
    }
  });
  textarea.form?.addEventListener("submit", () => {
    textarea.value = editor.getHTML();
  });
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("textarea[data-richtext]").forEach(mount);
});
