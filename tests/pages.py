"""A tiny HTML reader for tests: parse a response into a tree and pick elements by tag and attributes.

Standard library only. ``find_all("a", class_="tag")`` matches one class among several; any other keyword
matches an attribute exactly (``aria_current="page"`` means ``aria-current="page"``); ``True`` means present.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Node:
    def __init__(self, tag: str, attrs: dict[str, str], parent: Node | None = None):
        self.tag = tag
        self.attrs = attrs
        self.parent = parent
        self.children: list[Node | str] = []

    def __repr__(self) -> str:
        return f"<{self.tag} {self.attrs}>"

    def __getitem__(self, name: str) -> str:
        return self.attrs[name]

    @property
    def text(self) -> str:
        """The text content with runs of whitespace collapsed to one space."""
        return re.sub(r"\s+", " ", "".join(self._texts())).strip()

    def _texts(self):
        for child in self.children:
            if isinstance(child, str):
                yield child
            else:
                yield from child._texts()

    def iter(self):
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def find_all(self, tag: str | None = None, **attrs) -> list[Node]:
        return [node for node in self.iter() if node._matches(tag, attrs)]

    def find(self, tag: str | None = None, **attrs) -> Node:
        """The one matching element; fails the test when there are none or several."""
        found = self.find_all(tag, **attrs)
        assert len(found) == 1, f"expected one <{tag or '*'} {attrs}>, found {len(found)}"
        return found[0]

    def _matches(self, tag: str | None, attrs: dict) -> bool:
        if tag is not None and self.tag != tag:
            return False
        for key, wanted in attrs.items():
            name = "class" if key == "class_" else key.replace("_", "-")
            if name not in self.attrs:
                return False
            if name == "class" and wanted is not True:
                if wanted not in self.attrs["class"].split():
                    return False
            elif wanted is not True and self.attrs[name] != wanted:
                return False
        return True


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {name: value if value is not None else "" for name, value in attrs}, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        node = Node(tag, {name: value if value is not None else "" for name, value in attrs}, self.current)
        self.current.children.append(node)

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(content: bytes | str) -> Node:
    builder = _TreeBuilder()
    builder.feed(content.decode() if isinstance(content, bytes) else content)
    builder.close()
    return builder.root


def page(response) -> Node:
    """The parsed HTML of a test-client response."""
    return parse(response.content)


def card_titles(doc: Node) -> list[str]:
    """The titles of the result cards, in order."""
    return [node.text for node in doc.find_all("h2", class_="card__title")]


def count_text(doc: Node) -> str:
    """The text of the live results count."""
    return doc.find(role="status").text


def notes(doc: Node) -> list[str]:
    notice = doc.find_all("div", role="note")
    return [li.text for li in notice[0].find_all("li")] if notice else []
