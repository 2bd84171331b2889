// What a screen reader is told about the page structure: read by test_semantics.py.
() => {
  const hidden = (el) => !!el.closest("[aria-hidden=true], [hidden]") || getComputedStyle(el).display === "none";
  const scoped = (el) => !!el.parentElement.closest("article, aside, main, nav, section");
  const text = (el) => (el ? el.textContent.replace(/\s+/g, " ").trim() : "");

  const headings = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")]
    .filter((el) => !hidden(el))
    .map((el) => ({ level: Number(el.tagName[1]), text: text(el) }));

  const banners = [...document.querySelectorAll("header, [role=banner]")].filter(
    (el) => el.getAttribute("role") === "banner" || (el.tagName === "HEADER" && !el.getAttribute("role") && !scoped(el))
  );
  const contentinfo = [...document.querySelectorAll("footer, [role=contentinfo]")].filter(
    (el) => el.getAttribute("role") === "contentinfo" || (el.tagName === "FOOTER" && !el.getAttribute("role") && !scoped(el))
  );
  const navs = [...document.querySelectorAll("nav, [role=navigation]")].map((el) => el.getAttribute("aria-label") || "");
  const mains = document.querySelectorAll("main, [role=main]").length;
  const status = [...document.querySelectorAll("[role=status]")].map(text);

  // Groups of checkboxes (several inputs sharing a name) must be a fieldset with a legend.
  const groups = {};
  for (const box of document.querySelectorAll("input[type=checkbox], input[type=radio]")) {
    (groups[box.name] = groups[box.name] || []).push(box);
  }
  const ungrouped = [];
  for (const [name, boxes] of Object.entries(groups)) {
    if (boxes.length < 2) continue;
    for (const box of boxes) {
      const fieldset = box.closest("fieldset");
      const legend = fieldset && fieldset.querySelector(":scope > legend");
      if (!legend || !text(legend)) ungrouped.push(name);
    }
  }
  const legends = [...document.querySelectorAll("fieldset > legend")].map(text);

  // Every visible field has a label; every aria-describedby points at ids that exist.
  const unlabelled = [];
  const fields = document.querySelectorAll("input, select, textarea");
  for (const field of fields) {
    if (hidden(field) || ["hidden", "submit", "button", "reset"].includes(field.type)) continue;
    const labelled =
      [...(field.labels || [])].some((label) => text(label)) ||
      (field.getAttribute("aria-label") || "").trim() ||
      (field.getAttribute("aria-labelledby") || "").split(/\s+/).some((id) => text(document.getElementById(id)));
    if (!labelled) unlabelled.push(field.name || field.id);
  }
  const referenced = new Set();
  const missing = [];
  for (const el of document.querySelectorAll("[aria-describedby]")) {
    for (const id of el.getAttribute("aria-describedby").split(/\s+/).filter(Boolean)) {
      referenced.add(id);
      if (!document.getElementById(id)) missing.push(`${el.id || el.name}: ${id}`);
    }
  }
  // Hints and errors next to fields must be announced with them.
  const unlinked = [...document.querySelectorAll(".field__hint, .field__error, .word-count")]
    .filter((el) => !hidden(el) && !referenced.has(el.id))
    .map((el) => el.id || text(el).slice(0, 40));
  const summaryLinks = [...document.querySelectorAll(".error-summary a[href^='#']")].map((a) => ({
    href: a.getAttribute("href"),
    exists: !!document.getElementById(a.getAttribute("href").slice(1)),
  }));
  const pagination = document.querySelector("nav[aria-label=Pagination]");
  const current = pagination ? [...pagination.querySelectorAll("[aria-current=page]")].map(text) : null;

  return {
    headings, banners: banners.length, contentinfo: contentinfo.length, navs, mains, status,
    ungrouped: [...new Set(ungrouped)], legends, fields: fields.length, unlabelled, missing, unlinked,
    summaryLinks, current, lang: document.documentElement.lang, title: document.title,
  };
}
