"""Shared bits for this app's tests."""

import html
import re
from collections import deque
from typing import Any

from django.db.models import F
from django.test import Client

from peerpath.recovery.models import Document, DocumentVersion
from peerpath.tests.pages import text

CANARY = "CANARY-crisis-7f3a9"

HREF = re.compile(r'href="(/[^"#]*)')


def write_version(world: Any, kind: str, content: dict[str, str]) -> DocumentVersion:
    """A new current version of one of the world person's documents."""
    document = world.documents[kind]
    number = document.versions.count() + 1
    version = DocumentVersion.objects.create(
        organisation=world.organisation,
        document=document,
        number=number,
        content=content,
        review_on=document.review_on,
        changed_by=world.user("psw"),
    )
    Document.objects.filter(pk=document.pk).update(current_version=F("current_version") + 1)
    return version


def crawl(client: Client, start: str, limit: int = 80) -> dict[str, str]:
    """Every page reachable by links from `start` (same site, GET only): path → text."""
    seen: dict[str, str] = {}
    queue = deque([start])
    while queue and len(seen) < limit:
        path = queue.popleft()
        if path in seen or path.startswith(("/static/", "/accounts/logout")):
            continue
        response = client.get(path)
        seen[path] = text(response) if response.status_code == 200 else ""
        if response.status_code != 200:
            continue
        for href in HREF.findall(response.content.decode()):
            href = html.unescape(href)
            if href not in seen:
                queue.append(href)
    return seen
