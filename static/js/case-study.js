// A case study's page: the contents links move focus to their section (so a screen reader and the Tab key carry
// on from there), and the "Copy link" button copies the page's clean address and says so.
(function () {
  "use strict";
  // Messages in the page's language: Welsh pages load Django's catalogue (/cy/jsi18n/); without it, English.
  function gettext(text) { var d = window.django; return d && d.gettext ? d.gettext(text) : text; }
  function fill(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (all, name) { return name in values ? values[name] : all; });
  }
  document.querySelectorAll(".contents a[href^='#']").forEach(function (link) {
    link.addEventListener("click", function () {
      var target = document.getElementById(link.getAttribute("href").slice(1));
      if (!target) return;
      // After the browser has followed the link and scrolled: focus without scrolling again.
      window.setTimeout(function () { target.focus({ preventScroll: true }); }, 0);
    });
  });

  var button = document.querySelector("button[data-copy-url]");
  var status = document.querySelector("[data-copy-status]");
  if (!button || !status) return;
  var url = button.getAttribute("data-copy-url");
  button.parentElement.hidden = false;

  function say(message) {
    status.textContent = "";
    // A fresh change, so that pressing the button twice is announced twice.
    window.setTimeout(function () { status.textContent = message; }, 50);
  }
  button.addEventListener("click", function () {
    if (!navigator.clipboard || !window.isSecureContext) {
      say(fill(gettext("Your browser could not copy the link. The link is %(url)s"), { url: url }));
      return;
    }
    navigator.clipboard.writeText(url).then(
      function () { say(gettext("Link copied. You can now paste it into a message or document.")); },
      function () { say(fill(gettext("Your browser could not copy the link. The link is %(url)s"), { url: url })); }
    );
  });
})();
