// The article page comes from a cache shared by every reader, so its comment form carries
// neither a CSRF token nor a form token. Fetch both (a new nonce, and the time the reader
// started) when the reader starts writing, and make a quick submit wait for them.
(function () {
  "use strict";

  function hidden(form, name) {
    var field = form.querySelector("input[name=" + name + "]");
    if (!field) {
      field = document.createElement("input");
      field.type = "hidden";
      field.name = name;
      form.prepend(field);
    }
    return field;
  }

  function fetchTokens(form) {
    if (!form.tokens) {
      form.tokens = fetch(form.dataset.tokenUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (data && data.token) hidden(form, "token").value = data.token;
          if (data && data.csrf) hidden(form, "csrfmiddlewaretoken").value = data.csrf;
        })
        .catch(function () { /* the server shows the comment back to post again */ });
    }
    return form.tokens;
  }

  // After a refused post the page opens at the form's error summary (the form's address carries
  // #comment-errors); the summary takes the focus too, so that it is read out before anything else.
  var summary = window.location.hash === "#comment-errors" && document.getElementById("comment-errors");
  if (summary && document.activeElement !== summary) summary.focus();

  document.querySelectorAll("form.comment-form[data-token-url]").forEach(function (form) {
    form.addEventListener("focusin", function () { fetchTokens(form); });
    form.addEventListener("submit", function (event) {
      if (form.dataset.tokensReady) return;
      event.preventDefault();
      fetchTokens(form).then(function () {
        form.dataset.tokensReady = "1";
        form.submit();
      });
    });
  });
})();
