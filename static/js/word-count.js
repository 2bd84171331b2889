// Progressive enhancement for the submission form: live word and character counts, and error-summary links
// that focus their field. The form works the same without it; the server counts again and names the limit.
(function () {
  "use strict";
  // Messages in the page's language: Welsh pages load Django's catalogue (/cy/jsi18n/); without it, English.
  function gettext(text) { var d = window.django; return d && d.gettext ? d.gettext(text) : text; }
  function ngettext(one, many, n) {
    var d = window.django;
    return d && d.ngettext ? d.ngettext(one, many, n) : (n === 1 ? one : many);
  }
  function fill(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (all, name) { return name in values ? values[name] : all; });
  }
  // A screen reader hears the count once typing (or a paste) has settled, not at every keystroke.
  var ANNOUNCE_AFTER_MS = 1500;
  function countWords(text) {
    var trimmed = text.trim();
    return trimmed ? trimmed.split(/\s+/).length : 0;
  }
  function number(n) { return n.toLocaleString("en-GB"); }
  function amount(count, limit, unit) {
    var values = { count: number(count), limit: number(limit), over: number(count - limit) };
    var text = fill(unit === "words" ? gettext("%(count)s of %(limit)s words") : gettext("%(count)s of %(limit)s characters"), values);
    return count > limit ? text + " – " + fill(gettext("%(over)s too many"), values) : text;
  }
  document.querySelectorAll("textarea[data-word-limit]").forEach(function (area) {
    var wordLimit = parseInt(area.getAttribute("data-word-limit"), 10);
    var charLimit = parseInt(area.getAttribute("data-char-limit"), 10) || Infinity;
    var counter = document.createElement("p");
    counter.className = "word-count";
    counter.id = area.id + "-count";
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.id = area.id + "-count-status";
    status.setAttribute("aria-live", "polite");
    area.insertAdjacentElement("afterend", counter);
    counter.insertAdjacentElement("afterend", status);
    // Read with the field, after its hint and error, like any other description.
    var described = area.getAttribute("aria-describedby");
    area.setAttribute("aria-describedby", (described ? described + " " : "") + counter.id);
    function measure() {
      var words = countWords(area.value);
      var characters = area.value.length;
      var text = amount(words, wordLimit, "words");
      if (charLimit !== Infinity) { text += ", " + amount(characters, charLimit, "characters"); }
      return { text: text, over: words > wordLimit || characters > charLimit };
    }
    var frame = null;
    var timer = null;
    function show() {
      frame = null;
      var now = measure();
      counter.textContent = now.text;
      counter.classList.toggle("word-count--over", now.over);
    }
    function announce() {
      var text = measure().text;
      if (status.textContent !== text) { status.textContent = text; }
    }
    area.addEventListener("input", function () {
      if (frame === null) { frame = window.requestAnimationFrame(show); }
      clearTimeout(timer);
      timer = setTimeout(announce, ANNOUNCE_AFTER_MS);
    });
    show();
  });
  document.querySelectorAll(".error-summary a[href^='#']").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var target = document.getElementById(link.getAttribute("href").slice(1));
      if (!target) { return; }
      event.preventDefault();
      var holder = target.closest(".field") || target;
      holder.scrollIntoView();
      target.focus();
    });
  });
})();
