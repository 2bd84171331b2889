// Progressive enhancement for the keyword box: suggestions as you type, following the ARIA 1.2 combobox pattern
// (a text box that controls a listbox popup). Up and Down move through the suggestions, Enter opens the chosen one,
// Escape closes the list (or clears the box when it is closed). Without JavaScript the box is a plain search box,
// and Enter without a chosen suggestion still submits the form as before.
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
  var KINDS = { case_study: gettext("Case study"), topic: gettext("Topic"), council: gettext("Council") };
  document.querySelectorAll("input[data-suggest-url]").forEach(function (input) {
    var url = input.getAttribute("data-suggest-url");
    var listId = input.id + "-suggestions";
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "suggest";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", gettext("Suggestions"));
    list.hidden = true;
    var status = document.createElement("div");
    status.className = "visually-hidden";
    // A polite live region of its own (the page's one role="status" is the results count).
    status.setAttribute("aria-live", "polite");
    status.setAttribute("aria-atomic", "true");
    input.parentNode.classList.add("suggest-field");
    input.insertAdjacentElement("afterend", list);
    list.insertAdjacentElement("afterend", status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("autocomplete", "off");

    var items = [];
    var active = -1;
    var timer;
    var pending;
    var lastQuery = null;

    function setActive(index) {
      active = index;
      items.forEach(function (item, n) {
        item.setAttribute("aria-selected", n === index ? "true" : "false");
        item.classList.toggle("suggest__option--active", n === index);
      });
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", items[index].id);
        items[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      setActive(-1);
    }

    function open() {
      if (!items.length) { return; }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function go(item) {
      window.location.assign(item.getAttribute("data-url"));
    }

    function render(suggestions) {
      list.textContent = "";
      items = suggestions.map(function (suggestion, n) {
        var item = document.createElement("li");
        item.id = listId + "-" + n;
        item.className = "suggest__option";
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.setAttribute("data-url", suggestion.url);
        var kind = document.createElement("span");
        kind.className = "suggest__kind";
        kind.textContent = (KINDS[suggestion.kind] || "") + ": ";
        item.appendChild(kind);
        var label = document.createElement("span");
        label.textContent = suggestion.label;
        // A label in another language than the page's (an English title on a Welsh page) says which, for screen
        // readers: the server gives "lang" only then.
        if (suggestion.lang && suggestion.lang !== document.documentElement.lang) {
          label.setAttribute("lang", suggestion.lang);
        }
        item.appendChild(label);
        item.addEventListener("mousedown", function (event) { event.preventDefault(); });
        item.addEventListener("click", function () { go(item); });
        list.appendChild(item);
        return item;
      });
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (items.length) {
        open();
        status.textContent = fill(ngettext(
          "%(count)s suggestion. Use the up and down arrow keys to choose one, then press Enter.",
          "%(count)s suggestions. Use the up and down arrow keys to choose one, then press Enter.", items.length),
          { count: items.length });
      } else {
        close();
        status.textContent = "";
      }
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query === lastQuery) { open(); return; }
      lastQuery = query;
      if (query.length < 2) { render([]); return; }
      if (pending) { pending.abort(); }
      pending = new AbortController();
      fetch(url + "?q=" + encodeURIComponent(query), { signal: pending.signal, headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) { if (input.value.trim() === query) { render(data.suggestions || []); } })
        .catch(function () { /* offline or aborted: the box still works as a plain search box */ });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, 150);
    });
    input.addEventListener("keydown", function (event) {
      var isOpen = !list.hidden;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (!isOpen) { open(); }
        if (items.length) { setActive(active + 1 < items.length ? active + 1 : 0); }
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        if (!isOpen) { open(); }
        if (items.length) { setActive(active > 0 ? active - 1 : items.length - 1); }
      } else if (event.key === "Enter") {
        if (isOpen && active >= 0) {
          event.preventDefault();
          go(items[active]);
        }
      } else if (event.key === "Escape") {
        if (isOpen) {
          event.preventDefault();
          close();
        } else if (input.value) {
          event.preventDefault();
          input.value = "";
          lastQuery = null;
          render([]);
        }
      } else if (event.key === "Tab") {
        close();
      }
    });
    input.addEventListener("blur", function () { close(); });
  });
})();
