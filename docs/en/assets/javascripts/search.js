// Search for every reader.
//
// The search dialog is named, for screen readers, after its search field ("Search", "Pesquisa", ...): the theme
// leaves the dialog without a name.
//
// Every search result leads to a page that highlights the words searched for.
// The theme adds the matched words to each result's address (?h=...), but leaves them out, as an empty ?h=, for a
// page whose words matched only in its sections: that page then opens with nothing highlighted. Such links get the
// words of the query as the reader typed them, as soon as the results appear.
(function () {
  "use strict";
  var RESULT = "a.md-search-result__link";

  var dialog = document.querySelector('.md-search[role="dialog"]');
  var field = document.querySelector("input.md-search__input");
  if (dialog !== null && field !== null && !dialog.hasAttribute("aria-label")) {
    dialog.setAttribute("aria-label", field.getAttribute("aria-label") || field.placeholder);
  }

  function complete(link) {
    var url = new URL(link.href, location.href);
    var query = document.querySelector("input.md-search__input");
    if (url.searchParams.get("h") !== "" || query === null || !query.value.trim()) {
      return;
    }
    url.searchParams.set("h", query.value.trim().split(/\s+/).join(" "));
    link.href = url.href;
  }

  new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      change.addedNodes.forEach(function (node) {
        if (!(node instanceof Element)) {
          return;
        }
        if (node.matches(RESULT)) {
          complete(node);
        }
        node.querySelectorAll(RESULT).forEach(complete);
      });
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
