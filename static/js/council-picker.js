// Progressive enhancement for the lead-council drop-down (about 400 councils): a text box where you type part of
// a council's name ("kirk") and pick it from a short list, following the ARIA 1.2 combobox pattern. It matches the
// short name and the official name ("Kirklees Council", "Metropolitan Borough of ..."), ignoring case and accents,
// and lists names that start with what you typed first. The real <select> stays in the form, hidden, and carries
// the value, so the server, errors and saved drafts work as before. Without JavaScript the <select> is unchanged.
(function () {
  "use strict";
  var LIMIT = 12;

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
  }

  // 0: the name starts with the text; 1: a word of the name does; 2: a word of the official name does;
  // 3: the text is somewhere inside either. -1: no match.
  function rank(council, query) {
    if (council.name.indexOf(query) === 0) { return 0; }
    if ((" " + council.name).indexOf(" " + query) >= 0) { return 1; }
    if ((" " + council.official).indexOf(" " + query) >= 0) { return 2; }
    if (council.name.indexOf(query) >= 0 || council.official.indexOf(query) >= 0) { return 3; }
    return -1;
  }

  document.querySelectorAll("select[data-council-picker]").forEach(function (select) {
    var councils = Array.prototype.filter.call(select.options, function (option) { return option.value; })
      .map(function (option) {
        return {
          value: option.value,
          label: option.textContent,
          name: fold(option.textContent),
          official: fold(option.getAttribute("data-official-name") || "")
        };
      });
    var id = select.id;
    var listId = id + "-options";

    var input = document.createElement("input");
    input.type = "text";
    input.className = "input council-picker__input";
    input.id = id;
    select.id = id + "-select";
    ["aria-describedby", "aria-invalid"].forEach(function (name) {
      if (select.hasAttribute(name)) { input.setAttribute(name, select.getAttribute(name)); }
    });
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("autocomplete", "off");
    input.setAttribute("spellcheck", "false");
    var chosen = select.options[select.selectedIndex];
    input.value = chosen && chosen.value ? chosen.textContent : "";

    var list = document.createElement("ul");
    list.id = listId;
    list.className = "suggest council-picker__list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Councils");
    list.hidden = true;
    var none = document.createElement("p");
    none.className = "council-picker__none";
    none.hidden = true;
    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("aria-live", "polite");
    status.setAttribute("aria-atomic", "true");

    var wrapper = document.createElement("div");
    wrapper.className = "suggest-field council-picker";
    select.insertAdjacentElement("beforebegin", wrapper);
    wrapper.appendChild(input);
    wrapper.appendChild(list);
    wrapper.appendChild(none);
    wrapper.appendChild(status);
    wrapper.appendChild(select);
    select.hidden = true;
    select.tabIndex = -1;
    select.setAttribute("aria-hidden", "true");

    var items = [];
    var shown = [];
    var active = -1;

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

    function choose(council) {
      select.value = council.value;
      input.value = council.label;
      none.hidden = true;
      close();
      status.textContent = council.label + " chosen.";
      remember();
    }

    // What the box says now decides the value: a council's exact name or official name chooses it; anything
    // else leaves no council chosen, so the server says "Choose a council from the list" rather than guessing.
    function syncValue() {
      var typed = fold(input.value);
      var exact = councils.filter(function (council) { return council.name === typed || council.official === typed; });
      select.value = exact.length === 1 ? exact[0].value : "";
    }

    function show() {
      var query = fold(input.value);
      list.textContent = "";
      items = [];
      shown = [];
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (!query) {
        none.hidden = true;
        close();
        status.textContent = "";
        return;
      }
      var matches = councils.map(function (council) { return { council: council, rank: rank(council, query) }; })
        .filter(function (match) { return match.rank >= 0; })
        .sort(function (a, b) { return a.rank - b.rank || a.council.name.localeCompare(b.council.name); });
      shown = matches.slice(0, LIMIT).map(function (match) { return match.council; });
      items = shown.map(function (council, n) {
        var item = document.createElement("li");
        item.id = listId + "-" + n;
        item.className = "suggest__option";
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.textContent = council.label;
        item.addEventListener("mousedown", function (event) { event.preventDefault(); });
        item.addEventListener("click", function () { choose(council); });
        list.appendChild(item);
        return item;
      });
      if (items.length) {
        none.hidden = true;
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        var count = matches.length === 1 ? "1 council matches" : matches.length + " councils match";
        var listed = matches.length > LIMIT ? ", the first " + LIMIT + " are listed" : "";
        status.textContent = count + listed + ". Use the up and down arrow keys to choose one, then press Enter.";
      } else {
        close();
        none.textContent = "No council matches “" + input.value.trim() + "”. Check the spelling or try another part of its name.";
        none.hidden = false;
        status.textContent = none.textContent;
      }
    }

    // Nothing typed is lost: text that chose no council is kept for this tab, and when the form comes back with
    // the council's error, the box shows it again (with its matches) for the person to finish.
    var memoryKey = "council-picker:" + window.location.pathname;
    function remember() {
      try {
        if (select.value || !input.value.trim()) {
          window.sessionStorage.removeItem(memoryKey);
        } else {
          window.sessionStorage.setItem(memoryKey, input.value);
        }
      } catch (error) { /* storage may be switched off: the box still works */ }
    }
    if (!select.value && select.getAttribute("aria-invalid") === "true") {
      try {
        var typed = window.sessionStorage.getItem(memoryKey);
        if (typed) {
          input.value = typed;
          show();
          if (items.length) {
            close();
            status.textContent = "";
          }
        }
      } catch (error) { /* storage may be switched off */ }
    }

    input.addEventListener("input", function () {
      syncValue();
      show();
      remember();
    });
    input.addEventListener("keydown", function (event) {
      var isOpen = !list.hidden;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (!isOpen) { show(); }
        if (items.length) { setActive(active + 1 < items.length ? active + 1 : 0); }
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        if (!isOpen) { show(); }
        if (items.length) { setActive(active > 0 ? active - 1 : items.length - 1); }
      } else if (event.key === "Enter") {
        if (isOpen) {
          // Enter picks from the open list (the highlighted council, else the first) instead of sending the form.
          event.preventDefault();
          choose(shown[active >= 0 ? active : 0]);
        }
      } else if (event.key === "Escape") {
        if (isOpen) {
          event.preventDefault();
          close();
        } else if (input.value) {
          event.preventDefault();
          input.value = "";
          select.value = "";
          none.hidden = true;
          status.textContent = "";
          remember();
        }
      } else if (event.key === "Tab") {
        close();
      }
    });
    input.addEventListener("blur", function () { close(); });
  });
})();
