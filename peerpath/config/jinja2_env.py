"""The Jinja2 environment: our app templates first, then the NHS.UK frontend macros."""

from decimal import Decimal
from typing import Any

import jinja2
from django.conf import settings
from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone

from peerpath.core.access import may_open
from peerpath.core.once import form_token


def url(name: str, *args: Any, **kwargs: Any) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def localtime_format(value: Any, fmt: str = "%-d %b %Y, %H:%M") -> str:
    """A UTC datetime shown in the organisation's local time (UK)."""
    return timezone.localtime(value).strftime(fmt) if value else ""


def number(value: Any) -> str:
    """A quantity as people write it: 30 for 30.0, 22.5 for 22.50."""
    if value is None or value == "":
        return ""
    return f"{Decimal(str(value)).normalize():f}"


def environment(**options: Any) -> jinja2.Environment:
    options["loader"] = jinja2.ChoiceLoader(
        [options["loader"], jinja2.PackageLoader("nhsuk_frontend_jinja")]
    )
    # The NHS macros read optional keys that callers leave out (their README asks for this).
    options["undefined"] = jinja2.ChainableUndefined
    options.setdefault("extensions", []).append("jinja2.ext.do")
    env = jinja2.Environment(**options)  # noqa: S701 - Django's backend turns autoescape on
    env.globals.update(
        {
            "url": url,
            "static": static,
            "get_messages": get_messages,
            "form_token": form_token,
            "may_open": may_open,
            "SITE_NAME": settings.SITE_NAME,
        }
    )
    env.filters["localtime_format"] = localtime_format
    env.filters["number"] = number
    return env
