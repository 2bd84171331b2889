// Remembers, for this browser tab, the last list of results and how far down it was scrolled, so that "Back to
// results" on a case study's page returns to the same search, page and place. Case study pages have one clean
// address; without JavaScript the server builds the back link from the Referer header instead.
(function () {
  "use strict";
  // Messages in the page's language: Welsh pages load Django's catalogue (/cy/jsi18n/); without it, English.
  function gettext(text) { var d = window.django; return d && d.gettext ? d.gettext(text) : text; }
  var KEY = "results-memory";
  var RESTORE = "results-memory-restore";

  function load(key) {
    try { return window.sessionStorage.getItem(key); } catch (error) { return null; }
  }
  function save(key, value) {
    try { window.sessionStorage.setItem(key, value); } catch (error) { /* storage full or turned off */ }
  }
  function forget(key) {
    try { window.sessionStorage.removeItem(key); } catch (error) { /* nothing to forget */ }
  }
  function remembered() {
    try {
      var value = JSON.parse(load(KEY));
      return value && ownPath(value.url) ? value : null;
    } catch (error) { return null; }
  }
  // A path on this site: one leading slash, no backslash or control characters.
  function ownPath(url) {
    return typeof url === "string" && /^\/(?![\/\\])/.test(url) && !/[\\\u0000-\u001f\u007f]/.test(url);
  }
  function here() { return window.location.pathname + window.location.search; }

  var results = document.querySelector("[data-results]");
  if (results) {
    var memory = remembered();
    if (load(RESTORE) === here() && memory && memory.url === here()) {
      window.scrollTo(0, memory.y);
    }
    forget(RESTORE);
    var remember = function () {
      save(KEY, JSON.stringify({ url: here(), y: Math.round(window.scrollY) }));
    };
    remember();
    results.addEventListener("click", remember);
    window.addEventListener("pagehide", remember);
    return;
  }

  var back = document.querySelector("a[data-back-link]");
  if (!back) return;
  var last = remembered();
  if (back.hasAttribute("data-fallback") && last) {
    // No usable Referer (a reload, a link from another case study): the results this tab showed last.
    back.setAttribute("href", last.url);
    back.textContent = gettext("Back to results");
    back.removeAttribute("data-fallback");
  }
  back.addEventListener("click", function () {
    var target = new URL(back.href, window.location.href);
    if (target.origin === window.location.origin) save(RESTORE, target.pathname + target.search);
  });
})();
