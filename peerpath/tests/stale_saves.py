"""Two stale saves of one form, made the way two people (or two windows) make them.

`forms_on(response)` reads every POST form of a page as a browser would send it: its
action, every field with the value it was rendered with, the submit buttons, and which
fields a person types words into. A test opens a form twice, changes a field in each copy,
and sends both: `assert_refused` checks that the second was turned away the one way
PeerPath does it everywhere (peerpath/core/versioning.py): the page again, with the
conflict message and the second person's text kept.
"""

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from peerpath.core.chooser import search_button_name
from peerpath.core.versioning import NOTHING_OVERWRITTEN

from .pages import Node, parse, words

CHOOSER_SEARCH = search_button_name("")  # the suffix of a people chooser's search button

# The boxes of the NHS.UK date input, and inputs for numbers: a marker of words typed into
# them would be refused as a bad date or number, not as a stale save.
_DATE_PART = re.compile(r"_(day|month|year)$")
_NOT_WORDS = re.compile(r"^[\d\s:./-]+$")


@dataclass
class RenderedForm:
    action: str
    fields: list[tuple[str, str]]  # what the browser sends, buttons aside
    buttons: list[tuple[str, str]]  # (name, value) of each submit button, in page order
    text_names: list[str]  # inputs and text areas a person writes words into
    choices: dict[str, list[str]] = field(default_factory=dict)  # radios and selects
    radios: dict[str, list[str]] = field(default_factory=dict)  # the options of each radio set
    selects: dict[str, list[str]] = field(default_factory=dict)  # the options of each drop-down
    areas: set[str] = field(default_factory=set)  # the text areas

    def names(self) -> set[str]:
        return {name for name, _ in self.fields}

    def data(self, button: str | None = None, **changes: Any) -> dict[str, Any]:
        """What pressing the button sends (the first button unless one is named, passing
        over a people chooser's "Search", which never saves: core/chooser.py), with
        `changes` typed over the rendered values."""
        sent: dict[str, list[str]] = {}
        for name, value in self.fields:
            sent.setdefault(name, []).append(value)
        saves = [b for b in self.buttons if not b[0].endswith(CHOOSER_SEARCH)]
        pressed = (saves or self.buttons)[0] if self.buttons and button is None else None
        if button is not None:
            pressed = next(b for b in self.buttons if b[0] == button)
        if pressed is not None and pressed[0]:
            sent[pressed[0]] = [pressed[1]]
        data: dict[str, Any] = {k: v[0] if len(v) == 1 else v for k, v in sent.items()}
        data.update(changes)
        return data


def _textarea_value(node: Node) -> str:
    raw = "".join(c for c in node.children if isinstance(c, str))
    return raw[1:] if raw.startswith("\n") else raw  # as browsers drop the first newline


def _read_form(form: Node, page_url: str) -> RenderedForm:
    fields: list[tuple[str, str]] = []
    buttons: list[tuple[str, str]] = []
    text_names: list[str] = []
    choices: dict[str, list[str]] = {}
    radios: dict[str, list[str]] = {}
    selects: dict[str, list[str]] = {}
    for node in form.iter():
        name = node.attrs.get("name", "")
        if node.tag == "button" and node.attrs.get("type", "submit") == "submit":
            buttons.append((name, node.attrs.get("value", "")))
        elif node.tag == "input" and name:
            kind = node.attrs.get("type", "text")
            if kind == "submit":
                buttons.append((name, node.attrs.get("value", "")))
            elif kind in ("radio", "checkbox"):
                choices.setdefault(name, []).append(node.attrs.get("value", "on"))
                if kind == "radio":
                    radios.setdefault(name, []).append(node.attrs.get("value", "on"))
                if "checked" in node.attrs:
                    fields.append((name, node.attrs.get("value", "on")))
            elif kind != "file":
                value = node.attrs.get("value", "")
                fields.append((name, value))
                words = kind in ("text", "search") and node.attrs.get("inputmode") != "numeric"
                if words and not _DATE_PART.search(name) and not _NOT_WORDS.match(value or "x"):
                    text_names.append(name)
        elif node.tag == "textarea" and name:
            fields.append((name, _textarea_value(node)))
            text_names.append(name)
        elif node.tag == "select" and name:
            options = node.find_all("option")
            choices[name] = [o.attrs.get("value", o.text) for o in options]
            selects[name] = choices[name]
            chosen = [o for o in options if "selected" in o.attrs] or options[:1]
            fields.extend((name, o.attrs.get("value", o.text)) for o in chosen)
    # Words go first where people write most: text areas, then one-line inputs.
    areas = {n.attrs.get("name", "") for n in form.find_all("textarea")}
    text_names.sort(key=lambda name: name not in areas)
    action = urljoin(page_url, html.unescape(form.attrs.get("action", "")) or page_url)
    return RenderedForm(
        action.split("#")[0], fields, buttons, text_names, choices, radios, selects, areas
    )


def forms_on(response: Any, page_url: str) -> list[RenderedForm]:
    """Every POST form of the page, in page order."""
    return [
        _read_form(form, page_url)
        for form in parse(response).find_all("form")
        if form.attrs.get("method", "get").lower() == "post"
    ]


def open_form(client: Any, url: str, *, action: str | None = None) -> RenderedForm:
    """GET the page and read the form that posts to `action` (the page itself by default)."""
    response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    target = action or url
    found = [f for f in forms_on(response, url) if f.action == target]
    assert found, f"{url} has no form that posts to {target}"
    return found[0]


def refusal_problem(response: Any, kept: Iterable[str] = ()) -> str:
    """'' when `response` refuses a stale save the one PeerPath way, else what is wrong."""
    if response.status_code != 400:
        where = f" to {response.get('Location')}" if response.status_code in (301, 302) else ""
        return f"answered {response.status_code}{where}, not 400 with the conflict message"
    shown = words(response)
    if NOTHING_OVERWRITTEN not in shown:
        return "the page does not say someone else saved meanwhile"
    lost = [said for said in kept if said not in html.unescape(response.content.decode())]
    if lost:
        return f"the second person's text is not kept on the page: {lost}"
    return ""


def assert_refused(response: Any, *, kept: Iterable[str] = ()) -> None:
    problem = refusal_problem(response, kept)
    assert not problem, problem
