"""Navigation for the header, from the roles the user holds."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from .roles import STAFF_ROLES, Role

FRAMEWORK_READERS = STAFF_ROLES | {Role.TRAINEE}


def navigation(request: HttpRequest) -> dict[str, Any]:
    if not request.user.is_authenticated:
        return {"nav_items": []}
    roles: frozenset[Role] = getattr(request, "roles", frozenset())
    items: list[dict[str, Any]] = [{"href": reverse("core:home"), "text": "Home"}]
    if Role.ORG_ADMIN in roles:
        items += [
            {"href": reverse("organisations:member-list"), "text": "People"},
            {"href": reverse("organisations:team-list"), "text": "Teams"},
            {"href": reverse("core:audit-list"), "text": "Audit log"},
        ]
    if roles & {Role.ORG_ADMIN, Role.COORDINATOR, Role.TRAINER}:
        items.append({"href": reverse("training:programme-list"), "text": "Programmes"})
    if roles & {Role.ORG_ADMIN, Role.COORDINATOR, Role.TRAINER, Role.SUPERVISOR}:
        items.append({"href": reverse("training:intake-list"), "text": "Recruitment"})
    if roles & {Role.ORG_ADMIN, Role.COORDINATOR}:
        items.append({"href": reverse("training:dashboard"), "text": "Training dashboard"})
        items.append({"href": reverse("training:cohort-list"), "text": "Cohorts"})
    if roles & {Role.ORG_ADMIN, Role.COORDINATOR, Role.TRAINER}:
        items.append({"href": reverse("training:marking-queue"), "text": "Marking"})
    if Role.TRAINEE in roles:
        items.append({"href": reverse("training:my-training"), "text": "My training"})
        items.append({"href": reverse("training:my-assessments"), "text": "My assessments"})
    if roles & {Role.TRAINEE, Role.PSW}:
        items.append({"href": reverse("training:my-portfolio"), "text": "My portfolio"})
    if roles & {Role.PSW, Role.SUPERVISOR}:
        items.append({"href": reverse("caseload:caseload"), "text": "Caseload"})
        items.append({"href": reverse("caseload:referral-list"), "text": "Referrals"})
        items.append({"href": reverse("groups:group-list"), "text": "Peer groups"})
    if roles & {Role.SAFEGUARDING_LEAD, Role.SUPERVISOR, Role.PSW}:
        items.append({"href": reverse("governance:concern-queue"), "text": "Safeguarding"})
    if Role.CARER in roles:
        items.append({"href": reverse("governance:shared-list"), "text": "Shared with me"})
    if roles & STAFF_ROLES:
        items.append({"href": reverse("directory:service-list"), "text": "Service directory"})
    if roles & FRAMEWORK_READERS:
        items.append({"href": reverse("framework:overview"), "text": "Competence framework"})
    items += [
        {"href": reverse("mfa_index"), "text": "Account security"},
    ]
    current = request.path
    for item in items:
        item["current"] = item["href"] == current or (
            item["href"] != "/" and current.startswith(item["href"])
        )
    return {"nav_items": items}
