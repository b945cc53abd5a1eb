"""Shared bits for this app's tests."""

import html
import re
import subprocess
from collections import deque
from typing import Any

from django.db.models import F
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from peerpath.accounts.models import User
from peerpath.caseload.models import FamilyMember, Person
from peerpath.core.roles import Role
from peerpath.governance import services
from peerpath.governance.models import SafeguardingConcern, SharingConsent
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


def pdf_text(content: bytes) -> str:
    """The words of a PDF PeerPath made, by poppler's pdftotext, whitespace collapsed."""
    words = subprocess.run(
        ["/usr/bin/pdftotext", "-layout", "-", "-"],
        input=content,
        capture_output=True,
        check=True,
    ).stdout.decode()
    return re.sub(r"\s+", " ", words)


def body_text(response: Any) -> str:
    """A response's text: a page's markup (entities decoded), a PDF's words, else ""."""
    if response.status_code != 200:
        return ""
    kind = response.get("Content-Type", "")
    if kind.startswith("application/pdf"):
        return pdf_text(response.content)
    if kind.startswith(("text/", "application/json")):
        return text(response)
    return ""


def crawl(client: Client, start: str, limit: int = 80) -> dict[str, str]:
    """Every page reachable by links from `start` (same site, GET only): path → text, PDFs
    read by pdftotext."""
    seen: dict[str, str] = {}
    queue = deque([start])
    while queue and len(seen) < limit:
        path = queue.popleft()
        if path in seen or path.startswith(("/static/", "/accounts/logout")):
            continue
        response = client.get(path)
        seen[path] = body_text(response)
        if response.status_code != 200 or not response.get("Content-Type", "").startswith(
            "text/html"
        ):
            continue
        for href in HREF.findall(response.content.decode()):
            href = html.unescape(href)
            if href not in seen:
                queue.append(href)
    return seen


WHAT_WAS_SAID = "My brother takes my bank card every Friday"


def concern_data(**overrides: str) -> dict[str, str]:
    data = {
        "abuse_type": "financial",
        "who_is_at_risk": "Alex",
        "immediacy": "today",
        "what_was_said": WHAT_WAS_SAID,
        "actions_taken": "Talked it through with Alex and agreed to raise it.",
    }
    data.update(overrides)
    return data


def raise_concern(world: Any, person: Person, by: "User", **overrides: str) -> SafeguardingConcern:
    return services.concern_raise(person=person, data=concern_data(**overrides), by=by)


def invite_url(member: FamilyMember) -> str:
    return reverse("governance:carer-invite", kwargs={"person": member.person_id, "pk": member.pk})


def consent(world: Any, member: FamilyMember, scope: str = "goals") -> SharingConsent:
    return SharingConsent.objects.create(
        organisation=world.organisation,
        person=world.person,
        recipient=member,
        scope=scope,
        granted_at=timezone.now(),
        granted_by=world.user(Role.PSW),
    )
