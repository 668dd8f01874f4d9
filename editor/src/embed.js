// An embed in the body: a video (YouTube, Vimeo) or a link card. The editor keeps the address, the
// title and the poster's library id; the server rebuilds the readers' placeholder from them on save
// (images/richtext.py) and checks every value (core/embeds.py, core/sanitize.py).
import { Node } from "@tiptap/core";

export const VIDEO_ADDRESS = /^https:\/\/((www\.|m\.)?youtube\.com\/(watch\?|shorts\/|embed\/)|youtu\.be\/|(www\.)?vimeo\.com\/\d|player\.vimeo\.com\/video\/\d)\S*$/;

export const Embed = Node.create({
  name: "embed",
  group: "block",
  atom: true,
  draggable: true,
  selectable: true,
  addAttributes() {
    const data = (name) => ({ default: null, parseHTML: (el) => el.getAttribute(`data-embed-${name}`) || null });
    return {
      url: { default: "", parseHTML: (el) => el.getAttribute("data-embed") },
      player: data("player"),
      title: { default: "", parseHTML: (el) => el.getAttribute("data-embed-title") || "" },
      poster: data("poster"),
      posterSrc: { default: "", parseHTML: (el) => el.querySelector("img")?.getAttribute("src") || "" },
      label: { default: "", parseHTML: (el) => (el.getAttribute("data-embed-player") ? el.querySelector("small")?.textContent || "" : "") },
      host: { default: "", parseHTML: () => "" },
    };
  },
  parseHTML() {
    return [{ tag: "figure[data-embed]", priority: 60 }];
  },
  renderHTML({ node }) {
    const { url, player, title, poster, posterSrc, label, host } = node.attrs;
    // data-embed first: the server finds placeholders by it (images/richtext.py).
    const attributes = { "data-embed": url };
    if (player) attributes["data-embed-player"] = player;
    if (poster) attributes["data-embed-poster"] = poster;
    attributes["data-embed-title"] = title || "";
    const shown = title || (player ? "A video" : host || url);
    const note = player ? label || "Video" : host || url;
    const caption = ["figcaption", {}, ["strong", {}, shown], " ", ["small", {}, note]];
    return ["figure", attributes, ...(posterSrc ? [["img", { src: posterSrc, alt: "" }]] : []), caption];
  },
});
