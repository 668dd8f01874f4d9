// A comment form on a page that may come from a cache carries a stale token: fetch a
// fresh one (a new nonce and the time the reader started) when the reader starts writing.
(function () {
  "use strict";
  document.querySelectorAll("form.comment-form[data-token-url]").forEach(function (form) {
    var fetched = false;
    form.addEventListener("focusin", function () {
      if (fetched) return;
      fetched = true;
      fetch(form.dataset.tokenUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          var field = form.querySelector("input[name=token]");
          if (data && data.token && field) field.value = data.token;
        })
        .catch(function () { /* the token in the page still works */ });
    });
  });
})();
