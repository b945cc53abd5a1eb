"""Helpers for tests that follow an invitation: the link in its email, and accepting it."""

import re
from typing import Any

from django.test import Client

LINK = re.compile(r"http://testserver(/invitation/\S+/)")
PASSWORD = "kettle harbour violin 42"


def link_in(message: Any) -> str:
    found = LINK.search(str(message.body))
    assert found is not None, message.body
    return found.group(1)


def accept(client: Client, link: str, password: str = PASSWORD) -> Any:
    return client.post(link, {"password1": password, "password2": password})
