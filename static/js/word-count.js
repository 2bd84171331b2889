// Progressive enhancement for the submission form: live word counts and error-summary links that focus
// their field. The form works the same without it; the server counts words again.
(function () {
  "use strict";
  function countWords(text) {
    var trimmed = text.trim();
    return trimmed ? trimmed.split(/\s+/).length : 0;
  }
  document.querySelectorAll("textarea[data-word-limit]").forEach(function (area) {
    var limit = parseInt(area.getAttribute("data-word-limit"), 10);
    var counter = document.createElement("p");
    counter.className = "word-count";
    counter.id = area.id + "-count";
    counter.setAttribute("aria-live", "polite");
    area.insertAdjacentElement("afterend", counter);
    // Announced with the field, after its hint and error, like any other description.
    var described = area.getAttribute("aria-describedby");
    area.setAttribute("aria-describedby", (described ? described + " " : "") + counter.id);
    function update() {
      var words = countWords(area.value);
      var left = limit - words;
      counter.textContent = left >= 0
        ? "You have " + left + " word" + (left === 1 ? "" : "s") + " remaining"
        : "You have " + (-left) + " word" + (left === -1 ? "" : "s") + " too many";
      counter.classList.toggle("word-count--over", left < 0);
    }
    var timer;
    area.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(update, 250); });
    update();
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
