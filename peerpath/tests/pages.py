"""Read pages the way a person does: headings, lists, tables and links, by their markup.

The one place tests read a page:
- `text(response)`: the page's markup with entities decoded and whitespace collapsed, for
  asserting that words (or an attribute, a link) are on the page, or are not;
- `words(response)`: only the words a reader sees (tags, scripts and styles removed);
- `parse(response)`: a small tree over the standard library's HTML parser, for tests that
  compare what one page says with what another shows (the home-truth and navigation tests).
"""

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list["Node | str"] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The text a reader sees (visually hidden text included, whitespace collapsed)."""
        parts: list[str] = []

        def walk(node: "Node | str") -> None:
            if isinstance(node, str):
                parts.append(node)
            elif node.tag not in ("script", "style", "template"):
                for child in node.children:
                    walk(child)
                if node.tag in ("br", "p", "li", "td", "th", "div"):
                    parts.append(" ")

        walk(self)
        return re.sub(r"\s+", " ", "".join(parts)).strip()

    def iter(self) -> Iterator["Node"]:
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def find_all(self, tag: str | None = None, **attrs: str) -> list["Node"]:
        """Descendants with the tag and attributes (`class_` matches one of the classes)."""
        found = []
        for node in self.iter():
            if tag is not None and node.tag != tag:
                continue
            if all(_matches(node, name, value) for name, value in attrs.items()):
                found.append(node)
        return found

    def find(self, tag: str | None = None, **attrs: str) -> "Node":
        found = self.find_all(tag, **attrs)
        if not found:
            raise AssertionError(f"no <{tag or '*'}> with {attrs} on the page")
        return found[0]

    def links(self) -> list[tuple[str, str]]:
        """(text, href) of every link inside, in page order."""
        return [(a.text, a.attrs.get("href", "")) for a in self.find_all("a")]

    def hrefs(self) -> list[str]:
        return [href for _, href in self.links()]

    def table_rows(self) -> list["Node"]:
        """Body rows of the first table inside."""
        return self.find("tbody").find_all("tr")


def _matches(node: Node, name: str, value: str) -> bool:
    if name == "class_":
        return value in node.attrs.get("class", "").split()
    return node.attrs.get(name.replace("_", "-")) == value


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("document")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def _source(content: Any) -> str:
    if hasattr(content, "content"):
        content = content.content
    if isinstance(content, bytes):
        content = content.decode()
    return str(content)


def text(content: Any) -> str:
    """The page's markup, entities decoded and whitespace collapsed; `content` is a response,
    bytes or text."""
    return html.unescape(re.sub(r"\s+", " ", _source(content)))


_SCRIPTS = re.compile(r"<(script|style)\b.*?</\1>", re.S)
# Tags inside a line of text: a reader reads straight through them ("Change<span> Alex's
# goal</span>"); every other tag ends a word.
_INLINE = re.compile(
    r"</?(?:a|abbr|b|bdi|code|del|em|i|ins|kbd|mark|q|s|small|span|strong|sub|sup|time|u)\b[^>]*>"
)


def words(content: Any) -> str:
    """Only the words a reader sees (visually hidden text included): scripts and styles
    removed, inline tags read through, every other tag a space, entities decoded,
    whitespace collapsed."""
    source = _INLINE.sub("", _SCRIPTS.sub(" ", _source(content)))
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", source)).split())


def parse(content: Any) -> Node:
    """The page as a tree; `content` is a response, bytes or text."""
    builder = _Builder()
    builder.feed(_source(content))
    builder.close()
    return builder.root


def home_section(page: Node, role: str) -> Node:
    """The home page's section for a role (workspace/home.jinja labels each by its heading)."""
    return page.find("section", aria_labelledby=f"section-{role}")


def menu_links(page: Node) -> list[tuple[str, str]]:
    """The links of the header's navigation menu."""
    return page.find("header").find("nav", aria_label="Menu").links()


def account_links(page: Node) -> list[tuple[str, str]]:
    """The links of the header's account menu (security settings, log out)."""
    return page.find("header").find("nav", aria_label="Account").links()
