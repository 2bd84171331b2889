// Enhances the filters (templates/includes/finder.html). Without JavaScript the folded groups, the wide-screen CSS
// and the "Show N results" button (with the count the page was rendered with) already work.
// - On wide screens every filter group starts open, so its state matches what is shown.
// - The count on "Show N results" (phones) and on "Apply filters (N results)" (wide screens) updates as boxes are
//   ticked or years typed: a small JSON count (/case-studies/count.json), asked for at most once per pause in
//   typing or ticking, with any older request cancelled. A polite live region says the new count too.
// - After "Show N results" the page opens at #results: focus goes there so a screen reader reads the count.
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
  var form = document.querySelector("form.filter-form[data-count-url]");
  if (!form) return;
  var WIDE = "(min-width: 48rem)";
  if (window.matchMedia && window.matchMedia(WIDE).matches) {
    form.querySelectorAll("details.filter-group").forEach(function (group) { group.open = true; });
  }
  if (window.location.hash === "#results") {
    var results = document.getElementById("results");
    if (results) results.focus({ preventScroll: true });
  }
  var show = form.querySelector(".filter-form__show");
  var applyCount = form.querySelector(".filter-form__apply .filter-form__count");
  var status = form.querySelector("[data-count-status]");
  if (!window.fetch || !window.URLSearchParams) return;
  var countUrl = form.getAttribute("data-count-url");
  var timer = null;
  var pending = null;

  function query() {
    var params = new URLSearchParams(countUrl.split("?")[1] || "");
    new FormData(form).forEach(function (value, name) {
      if (name !== "sort" && value !== "") params.append(name, value);
    });
    return countUrl.split("?")[0] + "?" + params.toString();
  }

  function update() {
    if (pending) pending.abort();
    pending = window.AbortController ? new AbortController() : null;
    fetch(query(), { headers: { Accept: "application/json" }, signal: pending ? pending.signal : undefined })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data || typeof data.count !== "number") return;
        var n = { count: data.count };
        if (show) show.textContent = fill(ngettext("Show %(count)s result", "Show %(count)s results", data.count), n);
        if (applyCount) applyCount.textContent = fill(ngettext("(%(count)s result)", "(%(count)s results)", data.count), n);
        if (status) {
          status.textContent = fill(ngettext("%(count)s result with these filters", "%(count)s results with these filters", data.count), n);
        }
      })
      .catch(function () { /* keep the last count: the button still submits the form */ });
  }

  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(update, 250);
  }

  form.addEventListener("change", later);
  form.addEventListener("input", function (event) {
    if (event.target.type !== "checkbox" && event.target.type !== "radio") later();
  });
})();
