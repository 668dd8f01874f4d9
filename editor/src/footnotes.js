// Footnotes: a reference in the text (<sup id="fnref-N"><a href="#fn-N">N</a></sup>) and its note in
// the list that ends the body (<ol data-footnotes><li id="fn-N">). References and notes are paired by
// a key of the editor's own; a plugin keeps the list in the references' order, numbers both, gives a
// new reference an empty note and removes the note of a reference deleted. The server numbers them
// again on save and adds the links back (articles/text.py), so what readers get never depends on this.
import { Node, mergeAttributes } from "@tiptap/core";
import { Plugin, PluginKey, TextSelection } from "@tiptap/pm/state";

const newKey = () => Math.random().toString(36).slice(2, 10);
const numberOf = (id, prefix) => (id && id.startsWith(prefix) ? id.slice(prefix.length) : null);

export const FootnoteReference = Node.create({
  name: "footnoteReference",
  group: "inline",
  inline: true,
  atom: true,
  selectable: true,
  addAttributes() {
    return {
      key: { default: null, parseHTML: (el) => numberOf(el.getAttribute("id"), "fnref-") || newKey(), renderHTML: () => ({}) },
      number: { default: 1, parseHTML: (el) => Number(numberOf(el.getAttribute("id"), "fnref-")) || 1, renderHTML: () => ({}) },
    };
  },
  parseHTML() {
    return [{ tag: 'sup[id^="fnref-"]', priority: 60 }];
  },
  renderHTML({ node }) {
    const n = node.attrs.number;
    return ["sup", { id: `fnref-${n}` }, ["a", { href: `#fn-${n}` }, String(n)]];
  },
});

export const Footnotes = Node.create({
  name: "footnotes",
  group: "block",
  content: "footnote+",
  isolating: true,
  parseHTML() {
    return [{ tag: "ol[data-footnotes]", priority: 60 }];
  },
  renderHTML({ HTMLAttributes }) {
    return ["ol", mergeAttributes(HTMLAttributes, { "data-footnotes": "" }), 0];
  },
});

export const Footnote = Node.create({
  name: "footnote",
  content: "paragraph+",
  defining: true,
  isolating: true,
  addAttributes() {
    return {
      key: { default: null, parseHTML: (el) => numberOf(el.getAttribute("id"), "fn-") || newKey(), renderHTML: () => ({}) },
      number: { default: 1, parseHTML: (el) => Number(numberOf(el.getAttribute("id"), "fn-")) || 1, renderHTML: () => ({}) },
    };
  },
  parseHTML() {
    return [
      {
        tag: 'ol[data-footnotes] > li',
        priority: 60,
        // The links back are the server's to write: the editor keeps the note's own text.
        contentElement: (li) => {
          const copy = li.cloneNode(true);
          copy.querySelectorAll('a[href^="#fnref-"]').forEach((link) => link.remove());
          return copy;
        },
      },
    ];
  },
  renderHTML({ node }) {
    return ["li", { id: `fn-${node.attrs.number}` }, 0];
  },
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey("footnotes"),
        appendTransaction: (transactions, _old, state) => {
          if (!transactions.some((tr) => tr.docChanged)) return null;
          return syncFootnotes(state);
        },
      }),
    ];
  },
});

function syncFootnotes(state) {
  const { schema, doc } = state;
  const references = [];
  const seen = new Set();
  const notes = new Map();
  const lists = [];
  doc.descendants((node, pos) => {
    if (node.type.name === "footnotes") {
      lists.push({ node, pos });
      node.forEach((note) => notes.has(note.attrs.key) || notes.set(note.attrs.key, note));
      return false;
    }
    if (node.type.name === "footnoteReference") {
      // A reference copied and pasted is a new footnote, with a note of its own.
      const key = seen.has(node.attrs.key) ? newKey() : node.attrs.key;
      seen.add(key);
      references.push({ node, pos, key });
    }
    return true;
  });
  const tr = state.tr;
  let changed = false;
  references.forEach(({ node, pos, key }, index) => {
    if (node.attrs.number !== index + 1 || node.attrs.key !== key) {
      tr.setNodeMarkup(tr.mapping.map(pos), undefined, { key, number: index + 1 });
      changed = true;
    }
  });
  const wanted = references.map(({ key }, index) => {
    const note = notes.get(key);
    const content = note ? note.content : schema.nodes.paragraph.create();
    return schema.nodes.footnote.create({ key, number: index + 1 }, content);
  });
  const current = lists.length === 1 ? lists[0] : null;
  // Only empty paragraphs after the notes (the one the editor keeps last for the caret): what is
  // written there goes above them.
  let atEnd = Boolean(current);
  if (current) doc.nodesBetween(current.pos + current.node.nodeSize, doc.content.size, (node) => {
    if (node.type.name !== "paragraph" || node.content.size) atEnd = false;
    return false;
  });
  const same =
    current &&
    atEnd &&
    current.node.childCount === wanted.length &&
    wanted.every((note, i) => {
      const have = current.node.child(i);
      return have.attrs.key === note.attrs.key && have.attrs.number === note.attrs.number;
    });
  if (!same && (lists.length || wanted.length)) {
    for (const { node, pos } of [...lists].reverse()) {
      const from = tr.mapping.map(pos);
      tr.delete(from, from + node.nodeSize);
    }
    if (wanted.length) tr.insert(tr.doc.content.size, schema.nodes.footnotes.create(null, wanted));
    changed = true;
  }
  return changed ? tr : null;
}

// Put a footnote at the caret and the caret in its note, ready to write.
export function addFootnote(editor) {
  const key = newKey();
  if (!editor.chain().focus().insertContent({ type: "footnoteReference", attrs: { key } }).run()) return false;
  let target = null;
  editor.state.doc.descendants((node, pos) => {
    if (node.type.name === "footnote" && node.attrs.key === key) target = pos + 2;
    return target === null;
  });
  if (target !== null) editor.chain().setTextSelection(target).scrollIntoView().focus().run();
  return true;
}
