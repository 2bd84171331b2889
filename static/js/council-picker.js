// Progressive enhancement for the lead-council drop-down (about 400 councils): a text box where you type part of
// a council's name ("kirk") and pick it from a short list, following the ARIA 1.2 combobox pattern. It matches the
// short name, the official name ("Kirklees Council", "Metropolitan Borough of ...") and a Welsh council's Welsh
// names ("Caerdydd", "Cyngor Sir Ynys Môn"), ignoring case, accents and punctuation, and lists names that start
// with what you typed first. Leaving the box with a name only one council matches chooses it; a name several match
// leaves their list in view. The real <select> stays in the form, hidden, and carries the value, so the server,
// errors and saved drafts work as before. Without JavaScript the <select> is unchanged.
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
  var LIMIT = 12;

  // "Pen-y-bont", "pen y bont" and "Pen y Bont" are the same; so are "Môn" and "mon", "King's" and "kings".
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/['\u2019]/g, "")
      .replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }

  function folded(option, names) {
    return names.map(function (name) { return fold(option.getAttribute(name) || ""); })
      .filter(function (name) { return name; });
  }

  // 0: a name starts with the text; 1: a word of a name does; 2: a word of an official name does;
  // 3: the text is somewhere inside any of them. -1: no match.
  function rank(council, query) {
    function starts(name) { return name.indexOf(query) === 0; }
    function wordStarts(name) { return (" " + name).indexOf(" " + query) >= 0; }
    function inside(name) { return name.indexOf(query) >= 0; }
    if (council.names.some(starts)) { return 0; }
    if (council.names.some(wordStarts)) { return 1; }
    if (council.officials.some(wordStarts)) { return 2; }
    if (council.names.some(inside) || council.officials.some(inside)) { return 3; }
    return -1;
  }

  document.querySelectorAll("select[data-council-picker]").forEach(function (select) {
    var councils = Array.prototype.filter.call(select.options, function (option) { return option.value; })
      .map(function (option) {
        return {
          value: option.value,
          label: option.textContent,
          name: fold(option.textContent),
          names: [fold(option.textContent)].concat(folded(option, ["data-welsh-name"])),
          officials: folded(option, ["data-official-name", "data-welsh-official-name"])
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
    list.setAttribute("aria-label", gettext("Councils"));
    list.hidden = true;
    var none = document.createElement("p");
    none.className = "council-picker__none";
    none.id = id + "-note";
    none.hidden = true;
    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("aria-live", "polite");
    status.setAttribute("aria-atomic", "true");

    var wrapper = document.createElement("div");
    wrapper.className = "suggest-field council-picker";
    select.insertAdjacentElement("beforebegin", wrapper);
    wrapper.appendChild(input);
    wrapper.appendChild(none);
    wrapper.appendChild(list);
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
      list.classList.remove("council-picker__list--left");
      input.setAttribute("aria-expanded", "false");
      setActive(-1);
    }

    // The note under the box (no match, or several when the box was left) also describes the box while shown.
    var describedBy = input.getAttribute("aria-describedby") || "";
    function note(text) {
      none.textContent = text;
      none.hidden = !text;
      var ids = text ? (describedBy + " " + none.id).trim() : describedBy;
      if (ids) { input.setAttribute("aria-describedby", ids); } else { input.removeAttribute("aria-describedby"); }
    }

    function choose(council) {
      select.value = council.value;
      input.value = council.label;
      note("");
      close();
      status.textContent = fill(gettext("%(council)s chosen."), { council: council.label });
      remember();
    }

    function matching(query) {
      return councils.map(function (council) { return { council: council, rank: rank(council, query) }; })
        .filter(function (match) { return match.rank >= 0; })
        .sort(function (a, b) { return a.rank - b.rank || a.council.name.localeCompare(b.council.name); })
        .map(function (match) { return match.council; });
    }

    // What the box says now decides the value: a council's exact name or official name (English or Welsh)
    // chooses it; anything else leaves no council chosen until the box is left (see settle).
    function syncValue() {
      var typed = fold(input.value);
      var exact = councils.filter(function (council) {
        return council.names.concat(council.officials).indexOf(typed) >= 0;
      });
      select.value = exact.length === 1 ? exact[0].value : "";
    }

    function show() {
      var query = fold(input.value);
      list.textContent = "";
      list.classList.remove("council-picker__list--left");
      items = [];
      shown = [];
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (!query) {
        note("");
        close();
        status.textContent = "";
        return [];
      }
      var matches = matching(query);
      shown = matches.slice(0, LIMIT);
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
        note("");
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        var values = { count: matches.length, limit: LIMIT };
        status.textContent = fill(matches.length > LIMIT
          ? gettext("%(count)s councils match, the first %(limit)s are listed. Use the up and down arrow keys to choose one, then press Enter.")
          : ngettext("%(count)s council matches. Use the up and down arrow keys to choose one, then press Enter.",
            "%(count)s councils match. Use the up and down arrow keys to choose one, then press Enter.", matches.length), values);
      } else {
        close();
        note(fill(gettext("No council matches “%(typed)s”. Check the spelling or try another part of its name."), { typed: input.value.trim() }));
        status.textContent = none.textContent;
      }
      return matches;
    }

    // Leaving the box (or sending the form from it) decides what was meant: the highlighted option, else the only
    // council the text matches, is chosen. When several match, their list is shown (listChoices); no match keeps
    // its note.
    function settle() {
      var current = councils.filter(function (council) { return council.value === select.value; })[0];
      if (current) {
        if (input.value !== current.label) { choose(current); } else { close(); }
        return;
      }
      if (!list.hidden && active >= 0) {
        choose(shown[active]);
        return;
      }
      var matches = matching(fold(input.value));
      if (matches.length === 1) {
        choose(matches[0]);
        return;
      }
      close();
      if (matches.length > 1) {
        afterPress(function () {
          if (document.activeElement !== input) { listChoices(); }
        });
      } else {
        show();
      }
      remember();
    }

    // Several councils match the box that was left: their list stays in view, in the page's flow so that it
    // covers nothing, under a note that says so (read by the live region too).
    function listChoices() {
      var matches = show();
      if (select.value || matches.length < 2) { return; }
      var values = { count: matches.length, typed: input.value.trim(), limit: LIMIT };
      note(fill(matches.length > LIMIT
        ? gettext("%(count)s councils match “%(typed)s”: type more of the name, or choose one of the first %(limit)s.")
        : gettext("%(count)s councils match “%(typed)s”: choose one."), values));
      list.classList.add("council-picker__list--left");
      status.textContent = none.textContent;
      var focused = document.activeElement;
      if (focused && focused !== document.body && focused.getBoundingClientRect().bottom > window.innerHeight) {
        focused.scrollIntoView({ block: "nearest" });
      }
    }

    // A press elsewhere (mouse or touch) leaves the box when it starts; the list waits until it ends, so that what
    // was pressed (the send button, a tick box) does not move from under the pointer.
    var pressing = false;
    var pressEnded = [];
    ["pointerdown", "mousedown"].forEach(function (type) {
      document.addEventListener(type, function () { pressing = true; }, true);
    });
    ["mouseup", "pointercancel", "keydown"].forEach(function (type) {
      document.addEventListener(type, function () {
        pressing = false;
        pressEnded.splice(0).forEach(function (callback) { window.setTimeout(callback, 0); });
      }, true);
    });
    function afterPress(callback) {
      if (pressing) { pressEnded.push(callback); } else { callback(); }
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
          settle();
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
          note("");
          status.textContent = "";
          remember();
        }
      }
    });
    input.addEventListener("blur", settle);
    // Enter in the box with its list closed sends the form without leaving the box.
    if (select.form) {
      select.form.addEventListener("submit", function () {
        if (document.activeElement === input) { settle(); }
      });
    }
  });
})();
