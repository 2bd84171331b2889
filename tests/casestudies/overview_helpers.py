"""Helpers for the map and insights tests: the brute-force model of discovery_helpers applied to the links the
pages make, and readers for the inline SVG and the tables.

A count is right when it equals (1) a brute-force count of what it says it counts and (2) a brute-force count of
the list its link opens, so the number and the list it links to can never disagree.
"""

import math
import re
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlsplit

from tests.casestudies.discovery_helpers import OR_GROUPS, Library, keyword_matches, matches
from tests.pages import Node

SVG = "{http://www.w3.org/2000/svg}"
COUNT_NAME = re.compile(r"^(?P<what>.+): (\d+% \()?(?P<count>no|[\d,]+) case stud(y|ies)\)?$")


def selection_from_url(url: str) -> dict:
    """The brute-force model's selection for a list URL's query string."""
    parts = urlsplit(url)
    assert parts.path == "/case-studies/", url
    query = parse_qs(parts.query)
    selection = {group: query.get(group, []) for group in (*OR_GROUPS, "council", "has")}
    selection["evidence"] = int(query["evidence"][0]) if "evidence" in query else None
    selection["q"] = query.get("q", [""])[0]
    for name in ("year_from", "year_to"):
        selection[name] = int(query[name][0]) if name in query else None
    return selection


def brute_count(library: Library, url: str) -> int:
    selection = selection_from_url(url)
    selection["found"] = keyword_matches(library.records, selection["q"])
    return sum(matches(record, selection) for record in library.records)


def count_of_name(name: str) -> tuple[str, int]:
    """("Kirklees", 3) from "Kirklees: 3 case studies", ("Grant", 2) from "Grant: 67% (2 case studies)"."""
    found = COUNT_NAME.match(name)
    assert found, name
    count = found.group("count")
    return found.group("what"), 0 if count == "no" else int(count.replace(",", ""))


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance on a sphere of the Earth's mean radius: an independent check of grid distances."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


# SVG


def svgs(content: bytes) -> list[ET.Element]:
    """Every inline <svg> of a page, parsed as XML on its own (which fails on anything that is not valid XML)."""
    return [ET.fromstring(chunk) for chunk in re.findall(rb"<svg\b.*?</svg>", content, flags=re.S)]


def svg_links(svg: ET.Element) -> list[ET.Element]:
    return list(svg.iter(f"{SVG}a"))


def title_text(element: ET.Element) -> str:
    titles = element.findall(f"{SVG}title")
    assert len(titles) == 1, ET.tostring(element)
    return titles[0].text or ""


def named_marks(svg: ET.Element) -> dict[str, tuple[int, str | None]]:
    """Each mark with an accessible name: its name, count and link (None for a mark that is not a link)."""
    marks = {}
    for element in svg.iter():
        name = element.get("aria-label")
        if name is None or element.tag == f"{SVG}svg":
            continue
        assert element.tag == f"{SVG}a" or element.get("role") == "img", ET.tostring(element)
        assert title_text(element) == name  # the same words as a tooltip
        what, count = count_of_name(name)
        assert what not in marks, what
        marks[what] = (count, element.get("href"))
    return marks


# Tables


def number_links(node: Node) -> list[tuple[str, str]]:
    """(number, href) of every link in a table whose text starts with a number."""
    found = []
    for link in (link for table in node.find_all("table") for link in table.find_all("a")):
        number = re.match(r"^[\d,]+%?", link.text)
        if number:
            found.append((number.group(0), link["href"]))
    return found


def as_int(text: str) -> int:
    return int(text.replace(",", "").rstrip("%"))
