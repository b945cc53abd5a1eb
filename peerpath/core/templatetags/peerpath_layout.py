"""Draw third-party Django-template pages (allauth) inside PeerPath's Jinja2 layout.

`{% jinja_page %}TITLE{% page_content %}CONTENT{% endjinja_page %}` renders both parts
with the Django template language, then renders `layouts/django_page.jinja` with them, so
every page shares one header, footer, skip link and message area.
"""

from typing import Any

from django import template
from django.forms import BoundField
from django.template import engines
from django.template.base import Node, NodeList, Parser, Token
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


class JinjaPageNode(Node):
    child_nodelists = ("title_nodelist", "content_nodelist")

    def __init__(self, title_nodelist: NodeList, content_nodelist: NodeList) -> None:
        self.title_nodelist = title_nodelist
        self.content_nodelist = content_nodelist

    def render(self, context: template.Context) -> SafeString:
        title = " ".join(self.title_nodelist.render(context).split())
        content = self.content_nodelist.render(context)
        request = context.get("request")
        page = engines["jinja2"].get_template("layouts/django_page.jinja")
        html = page.render(
            {"page_title": title, "page_content": mark_safe(content)},  # noqa: S308 - rendered by DTL with autoescape
            request=request,
        )
        return mark_safe(html)  # noqa: S308 - rendered by Jinja2 with autoescape


@register.tag("jinja_page")
def do_jinja_page(parser: Parser, token: Token) -> JinjaPageNode:
    title = parser.parse(("page_content",))
    parser.delete_first_token()
    content = parser.parse(("endjinja_page",))
    parser.delete_first_token()
    return JinjaPageNode(title, content)


@register.filter
def nhsuk_widget(field: BoundField) -> SafeString:
    """A form widget with the NHS.UK classes and its hint and error wired up for screen readers."""
    kind = field.widget_type
    classes = {
        "checkbox": "nhsuk-checkboxes__input",
        "select": "nhsuk-select",
        "textarea": "nhsuk-textarea",
    }.get(kind, "nhsuk-input")
    if field.errors:
        classes += {"select": " nhsuk-select--error", "textarea": " nhsuk-textarea--error"}.get(
            kind, " nhsuk-input--error" if kind != "checkbox" else ""
        )
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}-hint")
    if field.errors:
        described.append(f"{field.auto_id}-error")
    # NHS.UK guidance: labels and hints, never placeholder text, say what to enter.
    attrs: dict[str, Any] = {"class": classes, "placeholder": False}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)
