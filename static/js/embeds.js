// Videos in articles are placeholders (our copy of the poster, the title, a link to the video):
// nothing is asked of YouTube or Vimeo until the reader clicks. Then, and only then, the player
// takes the placeholder's place. Without this script the placeholder stays a plain link.
(function () {
  "use strict";

  // The players the site's CSP lets the page frame (frame-src); the server checked the address.
  var PLAYERS = /^https:\/\/(www\.youtube-nocookie\.com\/embed|player\.vimeo\.com\/video)\/[\w-]+\?[\w=&]+$/;

  function play(figure, link) {
    var player = figure.getAttribute("data-embed-player");
    if (!PLAYERS.test(player || "")) return false;
    var frame = document.createElement("iframe");
    frame.src = player;
    frame.title = figure.getAttribute("data-embed-title") || link.textContent.trim();
    frame.allow = "autoplay; fullscreen; picture-in-picture; encrypted-media";
    frame.allowFullscreen = true;
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    link.replaceWith(frame);
    frame.focus();
    return true;
  }

  document.addEventListener("click", function (event) {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    var link = event.target.closest("figure[data-embed-player] > a");
    if (link && play(link.parentElement, link)) event.preventDefault();
  });
})();
