// The language selector keeps the reader's section: switching from /responses/#choosing-a-response leads to
// /pt/responses/#choosing-a-response, since a section has the same id in every language.
//
// Each selector link already points to the same page in the other language. The section (the address's #fragment,
// which follows the reader's scrolling with navigation.tracking) is added to the link as the reader is about to
// use it: pointed at, focused, or clicked, so that opening it in a new tab keeps it too. Material's own handler for
// these links would send the reader to the other language's page without the section, so a click on them is kept
// from reaching it, and the browser follows the link.
(function () {
  "use strict";
  var SELECTOR = "a.md-select__link[hreflang]";

  function selectorLink(event) {
    return event.target instanceof Element ? event.target.closest(SELECTOR) : null;
  }

  function addSection(event) {
    var link = selectorLink(event);
    if (link === null) {
      return null;
    }
    var target = new URL(link.getAttribute("href"), location.href);
    target.hash = location.hash;
    link.href = target.href;
    return link;
  }

  ["mouseover", "focusin", "contextmenu", "auxclick"].forEach(function (type) {
    document.addEventListener(type, addSection, true);
  });
  document.addEventListener("click", function (event) {
    if (addSection(event) !== null) {
      event.stopPropagation();
    }
  }, true);
})();
