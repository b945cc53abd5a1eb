"""Navigation for the header: one short menu per role, most-used pages first.

Each role's menu names the list pages that role works from; every other page it may use is
reached from its home page or from those lists (lists link to details). Someone with several
roles gets each role's menu in turn, without repeats. The menu reads only the roles already
on the request: no query, whatever the page.
"""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from .roles import Role

# key: (text, URL name)
ITEMS: dict[str, tuple[str, str]] = {
    "people": ("People", "organisations:member-list"),
    "teams": ("Teams", "organisations:team-list"),
    "audit": ("Audit log", "core:audit-list"),
    "recruitment": ("Recruitment", "recruitment:intake-list"),
    "cohorts": ("Cohorts", "training:cohort-list"),
    "marking": ("Marking", "training:marking-queue"),
    "reviews": ("Portfolio reviews", "training:portfolio-review-queue"),
    "placements": ("Placements", "training:placement-list"),
    "programmes": ("Programmes", "training:programme-list"),
    "dashboard": ("Training dashboard", "recruitment:dashboard"),
    "my-training": ("My training", "training:my-training"),
    "my-assessments": ("My assessments", "training:my-assessments"),
    "my-portfolio": ("My portfolio", "training:my-portfolio"),
    "caseload": ("Caseload", "caseload:caseload"),
    "referrals": ("Referrals", "caseload:referral-list"),
    "groups": ("Peer groups", "groups:group-list"),
    "safeguarding": ("Safeguarding", "governance:concern-queue"),
    "shared": ("Shared with me", "governance:shared-list"),
    "shared-about": ("What I can see and why", "governance:shared-about"),
    "directory": ("Service directory", "directory:service-list"),
    "framework": ("Competence framework", "framework:overview"),
    "urgent-access": ("Urgent access", "oversight:urgent-find"),
}

MENUS: dict[Role, tuple[str, ...]] = {
    # An admin's training pages are one step on, from the training dashboard.
    Role.ORG_ADMIN: ("people", "teams", "dashboard", "directory", "audit", "framework"),
    # Marking and portfolio reviews are also on the coordinator's home page.
    Role.COORDINATOR: (
        "recruitment",
        "cohorts",
        "dashboard",
        "marking",
        "programmes",
        "directory",
        "framework",
    ),
    # A trainer's cohorts, sessions and registers are on their home page (there is no list
    # of cohorts for trainers: they teach the ones they facilitate).
    Role.TRAINER: ("marking", "reviews", "programmes", "recruitment", "directory", "framework"),
    # Placements lists the trainees a supervisor supports, and links to portfolio reviews.
    Role.SUPERVISOR: (
        "caseload",
        "referrals",
        "safeguarding",
        "groups",
        "placements",
        "directory",
        "recruitment",
        "framework",
    ),
    Role.SAFEGUARDING_LEAD: ("safeguarding", "directory", "framework"),
    # Finding a person for urgent access is their work; the rest is on their home page.
    Role.ON_CALL: ("urgent-access", "directory", "framework"),
    # A PSW's portfolio is the one they kept from training: useful now and then, so last.
    Role.PSW: (
        "caseload",
        "referrals",
        "groups",
        "safeguarding",
        "directory",
        "framework",
        "my-portfolio",
    ),
    Role.TRAINEE: ("my-training", "my-assessments", "my-portfolio", "framework"),
    # Everything a person supported may see is on their home page.
    Role.PERSON: (),
    Role.CARER: ("shared", "shared-about"),
}


def menu_keys(roles: frozenset[Role]) -> list[str]:
    """The menu for someone holding these roles: each role's menu in Role order, no repeats."""
    keys: list[str] = []
    for role in Role:
        if role in roles:
            keys += [key for key in MENUS[role] if key not in keys]
    return keys


def navigation(request: HttpRequest) -> dict[str, Any]:
    if not request.user.is_authenticated:
        return {"nav_items": []}
    roles: frozenset[Role] = getattr(request, "roles", frozenset())
    items: list[dict[str, Any]] = [{"href": reverse("workspace:home"), "text": "Home"}]
    for key in menu_keys(roles):
        text, name = ITEMS[key]
        items.append({"href": reverse(name), "text": text})
    # The current page's item is the one whose address is the longest start of the path
    # ("My training" is not current on "My assessments", which lies under it).
    current = request.path
    matches = [
        item["href"]
        for item in items
        if item["href"] == current or (item["href"] != "/" and current.startswith(item["href"]))
    ]
    best = max(matches, key=len, default=None)
    for item in items:
        item["current"] = item["href"] == best
    return {"nav_items": items}
