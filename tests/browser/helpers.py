"""Checks that run inside the page: axe, visible focus, keyboard movement, reflow, text spacing, semantics."""

import contextlib
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
_axe = Axe()


# --- axe-core ---------------------------------------------------------------------------------------------


# axe-core measures a sticky element where it is stuck at that moment but treats it as part of the scrolling page
# (dequelabs/axe-core#3720): the "Apply filters" bar stuck at the bottom of the window then "overlaps" whichever
# checkbox it happens to cover, a different one at each scroll position, and target-size fails it. For the run each
# sticky element is put back in its place in the flow (position: relative, as axe models it). What a stuck bar may
# hide is tested on its own (tests/browser/test_filters_on_wide_screens.py).
_UNSTICK = """(unstick) => {
  if (unstick) {
    for (const el of document.body.querySelectorAll("*")) {
      if (getComputedStyle(el).position === "sticky") {
        el.setAttribute("data-axe-unstuck", "");
        el.style.setProperty("position", "relative", "important");
      }
    }
  } else {
    for (const el of document.querySelectorAll("[data-axe-unstuck]")) {
      el.style.removeProperty("position");
      el.removeAttribute("data-axe-unstuck");
    }
  }
}"""


def axe_violations(page) -> list[dict]:
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    page.evaluate(_UNSTICK, True)
    try:
        return _axe.run(page, options=options).response["violations"]
    finally:
        page.evaluate(_UNSTICK, False)


def describe_violations(violations: list[dict], url: str) -> str:
    lines = [f"{len(violations)} axe violation(s) on {url}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    target: {target}  [{url}]")
    return "\n".join(lines)


def assert_no_axe_violations(page) -> None:
    violations = axe_violations(page)
    assert not violations, describe_violations(violations, page.url)


# --- focus ------------------------------------------------------------------------------------------------

_FOCUS_STYLE = """(selector) => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  return {
    tag: el.tagName.toLowerCase(), id: el.id, cls: el.className, text: (el.innerText || el.value || "").trim().slice(0, 60),
    outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth) || 0,
    outlineColor: style.outlineColor, boxShadow: style.boxShadow, matches: !!selector && el.matches(selector),
  };
}"""


def focused(page, selector: str | None = None) -> dict | None:
    """What has focus, with its focus styles (and whether it matches ``selector``); ``None`` when nothing does."""
    return page.evaluate(_FOCUS_STYLE, selector)


def assert_focus_visible(page, selector: str | None = None) -> dict:
    """Something has focus and shows it: an outline of at least 2px (not transparent) or a box shadow."""
    info = focused(page, selector)
    assert info is not None, f"nothing has focus on {page.url}"
    outline = (
        info["outlineStyle"] != "none"
        and info["outlineWidth"] >= 2
        and info["outlineColor"] not in ("transparent", "rgba(0, 0, 0, 0)")
    )
    shadow = info["boxShadow"] not in ("", "none")
    assert outline or shadow, f"focus is not visible on {info} at {page.url}"
    return info


def tab_until(page, selector: str, *, backwards: bool = False, limit: int = 80) -> int:
    """Press Tab (or Shift+Tab) until the focused element matches ``selector``, checking at every step that
    focus is visible. Returns the number of presses."""
    key = "Shift+Tab" if backwards else "Tab"
    for presses in range(1, limit + 1):
        page.keyboard.press(key)
        if assert_focus_visible(page, selector)["matches"]:
            return presses
    raise AssertionError(f"{selector!r} not reached after {limit} presses of {key} on {page.url}")


def active_matches(page, selector: str) -> bool:
    return page.evaluate("(s) => !!document.activeElement && document.activeElement.matches(s)", selector)


# --- what is in the window ------------------------------------------------------------------------------------

_IN_WINDOW = """(selector) => {
  const el = document.querySelector(selector);
  if (!el) return null;
  const box = el.getBoundingClientRect();
  const inside = box.width > 1 && box.height > 1 && box.left >= 0 && box.top >= 0
    && box.right <= window.innerWidth && box.bottom <= window.innerHeight;
  const seen = inside && el.contains(document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2));
  return {inside, seen, top: Math.round(box.top), bottom: Math.round(box.bottom), left: Math.round(box.left)};
}"""


def in_window(page, selector: str) -> dict | None:
    """Where the first element matching ``selector`` is: ``inside`` the window, and ``seen`` (inside, and not
    covered by anything else at its centre); ``None`` when there is no such element."""
    return page.evaluate(_IN_WINDOW, selector)


def shown_in_window(page, selector: str) -> bool:
    where = in_window(page, selector)
    return bool(where and where["seen"])


# --- structure -------------------------------------------------------------------------------------------------


def heading_gaps(levels: list[int]) -> list[str]:
    """Each heading at most one level deeper than the one before it. The first may be an h1 or an h2: an error
    summary's h2 comes before the h1."""
    gaps = []
    previous = 1
    for level in levels:
        if level > previous + 1:
            gaps.append(f"h{level} after h{previous}")
        previous = level
    return gaps


# --- reflow and text spacing --------------------------------------------------------------------------------

TEXT_SPACING_CSS = (
    "* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }"
    " p { margin-bottom: 2em !important; }"
)

_HORIZONTAL_OVERFLOW = """() => {
  const doc = document.documentElement;
  const wide = [];
  if (doc.scrollWidth > doc.clientWidth) {
    for (const el of document.body.querySelectorAll("*")) {
      const box = el.getBoundingClientRect();
      if (box.width && box.right > doc.clientWidth + 1 && !el.closest("[aria-hidden=true], .visually-hidden")) {
        wide.push(`${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}.${el.className} right=${Math.round(box.right)}`);
      }
    }
  }
  return {scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, wide: wide.slice(0, 10)};
}"""


def assert_no_horizontal_scroll(page, width: int) -> None:
    result = page.evaluate(_HORIZONTAL_OVERFLOW)
    assert result["scrollWidth"] <= width, f"horizontal scrolling at {width}px on {page.url}: {result}"


CLIPPABLE = "h1, h2, h3, h4, a, button, label, legend, summary, .card *, .field__hint, .field__error, .tag, .results-count"

_CLIPPED = """(selector) => {
  const clipped = [];
  for (const el of document.querySelectorAll(selector)) {
    if (el.closest("[aria-hidden=true], .visually-hidden, .skip-link")) continue;
    const style = getComputedStyle(el);
    if (style.display === "none" || style.visibility === "hidden") continue;
    const hides = (v) => v === "hidden" || v === "clip";
    if ((hides(style.overflowX) && el.scrollWidth > el.clientWidth + 1) ||
        (hides(style.overflowY) && el.scrollHeight > el.clientHeight + 1)) {
      clipped.push(`${el.tagName.toLowerCase()}.${el.className}: ${el.textContent.trim().slice(0, 40)}`);
    }
  }
  return clipped;
}"""


def apply_text_spacing(page) -> None:
    """Add the WCAG 1.4.12 spacing as a user style sheet would. A constructed style sheet, not a <style>
    element: the site's Content-Security-Policy rightly refuses inline styles."""
    page.evaluate(
        """(css) => {
          const sheet = new CSSStyleSheet();
          sheet.replaceSync(css);
          document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
        }""",
        TEXT_SPACING_CSS,
    )


def clipped_text(page) -> list[str]:
    return page.evaluate(_CLIPPED, CLIPPABLE)


# --- screenshots ----------------------------------------------------------------------------------------------


def screenshot(page, directory: Path, name: str) -> Path:
    path = directory / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def settled_text(page, selector: str, expected: str, *, timeout: int = 5_000) -> str:
    """The element's text once it says ``expected`` (or, after ``timeout`` ms, whatever it says then): for what a
    script updates in an animation frame after an input, not in the input event itself."""
    with contextlib.suppress(Exception):  # a time-out: the assertion that follows shows what the text was
        page.wait_for_function(
            "([selector, expected]) => document.querySelector(selector)?.textContent === expected",
            arg=[selector, expected],
            timeout=timeout,
        )
    return page.locator(selector).text_content()
