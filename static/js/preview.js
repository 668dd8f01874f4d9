// The share-preview link is selected as a whole when it gets focus, ready to copy. (An inline
// onfocus did this before; the pages' CSP forbids inline handlers, so it never ran.)
(function () {
  "use strict";
  var field = document.getElementById("preview-share-url");
  if (field) field.addEventListener("focus", function () { field.select(); });
})();
