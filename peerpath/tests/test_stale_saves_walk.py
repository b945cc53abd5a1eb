"""Every form that edits an existing record refuses a second, stale save.

The URL walk (peerpath/tests/access_walk.py, with the examples of test_url_access.py and
of each caseload app's walk_examples.py) is followed as every role a page allows. Every
POST form found on a page is opened once and sent twice from that same rendered state,
each time with a field changed: the first save must go through, the second must be
refused the one PeerPath way (peerpath/core/versioning.py: the page again, answering 400,
with the conflict message and the second text kept), and must not land.

A form is exempt only if NOT_EDIT_FORMS names the route it posts to and says why: it
creates something new, or it is an action that cannot undo anyone's edit. So a new edit
form without a version check fails here, and so does a new form nobody has classified.
Each pair of saves runs in a savepoint that is rolled back, so every form starts from the
same world.
"""

from typing import Any
from urllib.parse import urlsplit

import pytest
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, resolve
from django.utils import timezone

from conftest import ANONYMOUS
from peerpath.core.access import PUBLIC, ROLES
from peerpath.core.roles import Role
from peerpath.tests.walk_world import EXAMPLES

from .access_walk import _url, iter_routes, route_policy
from .pages import words
from .stale_saves import RenderedForm, forms_on, refusal_problem

# The hidden fields that carry the version a form was opened at.
VERSION_NAMES = ("version", "based_on")


def _version_field(form: RenderedForm) -> str:
    """The form's version field ("" if it has none): `version`, a document's `based_on`,
    or the `<prefix>-expected` text of the wording page."""
    for name in form.names():
        if name.rsplit("-", 1)[-1] in (*VERSION_NAMES, "expected"):
            return name
    return ""


# Routes a form posts to that carry no version, and why a second send from the same page
# cannot silently undo someone else's change. Every other form found must carry one.
CREATES = "adds a new record; a second send adds another, it undoes nothing"
ONCE = "a one-way step (confirm, sign off, close, remove): once taken, a second is refused"
NOT_A_RECORD = "not an edit of a record: a request by email, or accepting an invitation"
SET = "adds or removes one item of a set; each send is its own choice and undoes nobody's"
NOT_EDIT_FORMS: dict[str, str] = {
    "organisations:member-invite": CREATES,
    "organisations:invitation-request": NOT_A_RECORD,
    "organisations:invitation-accept": ONCE,
    "organisations:invitation-resend": ONCE,
    "organisations:team-list": CREATES,
    "organisations:member-remove": ONCE,
    "organisations:member-reset-two-factor": ONCE,
    "training:programme-copy": CREATES,
    "training:module-add": CREATES,
    "recruitment:intake-create": CREATES,
    "recruitment:application-note": CREATES,
    "recruitment:application-appointment": CREATES,
    "training:cohort-list": CREATES,
    "recruitment:interest-form": CREATES,
    "recruitment:applicant-home": CREATES,
    "training:assessment-criteria": CREATES,
    "training:placement-create": CREATES,
    "training:programme-requirements": CREATES,
    "training:eligibility-remove": ONCE,
    "training:outcome-add": CREATES,
    "training:my-assessment": CREATES,  # each submission is a new version of the work
    "training:submission-mark": ONCE,  # "This version has already been marked.", text kept
    "training:placement-day": CREATES,
    "training:placement-day-confirm": ONCE,
    "training:placement-review": CREATES,
    "training:placement-sign-off": ONCE,
    "training:portfolio-entry": CREATES,  # adds evidence; its other buttons are one-way steps
    "directory:service-create": CREATES,
    "directory:service-checked": ONCE,
    "caseload:referral-create": CREATES,
    "caseload:family-create": CREATES,
    "caseload:relationship-share": SET,
    "recovery:goal-create": CREATES,
    "recovery:step-add": CREATES,
    "recovery:step-done": ONCE,
    "recovery:progress-add": CREATES,
    "recovery:worksheet-create": CREATES,
    "recovery:activity-create": CREATES,
    "recovery:digital-create": CREATES,
    "contacts:note-create": CREATES,
    "contacts:note-amend": CREATES,
    # Signing carries the version read, but a second signature is refused as
    # "This note is already signed." (the note is fixed once signed; nothing typed here).
    "contacts:note-sign": ONCE,
    "contacts:appointment-create": CREATES,
    "governance:consent-grant": CREATES,
    "governance:consent-withdraw": ONCE,
    "governance:concern-create": CREATES,
    "governance:concern-close": ONCE,
    "governance:concern-action-add": CREATES,
    "governance:disclosure-create": CREATES,
    "groups:group-create": CREATES,
    "groups:member-remove": ONCE,
    "groups:session-create": CREATES,
    "supervision:agreement-create": CREATES,
    "supervision:session-create": CREATES,
    "supervision:action-add": CREATES,
    "supervision:addendum-add": CREATES,
    # Each records their own agreement or signature once; a second is refused.
    "supervision:agreement-agree": ONCE,
    "supervision:session-sign": ONCE,
    "supervision:action-done": ONCE,
    "workforce:request-create": CREATES,
    # Turning a request into a post happens once; a second is refused ("already answered").
    "workforce:request-accept": ONCE,
    "workforce:post-create": CREATES,
    "workforce:vacancy-create": CREATES,
    "workforce:apply": CREATES,
    "workforce:graduate-apply": CREATES,
    "workforce:application-interview": CREATES,
    "workforce:application-score": CREATES,  # each panel member scores once; refused after
    "wellbeing:check-in-create": CREATES,
    # States the choice (share, or stop sharing), never toggles it: a resend changes nothing.
    "wellbeing:check-in-share": SET,
    "forums:create": CREATES,
    # Adds people not invited yet; those already invited stay as they are.
    "forums:invite": SET,
    # One named person; inviting them again is refused with a message, nothing is undone.
    "forums:invite-one": SET,
    "forums:cancel": ONCE,  # kept with its reason; a cancelled session is not changed again
    "observation:observation-create": CREATES,
    "observation:observation-addendum": CREATES,  # a dated addendum; the record stays as it was
    "observation:observation-finalise": ONCE,
    "observation:plan-create": CREATES,
    "observation:plan-close": ONCE,
    "learning:booklet-entry-create": CREATES,
    "learning:booklet-addendum-add": CREATES,  # a signed entry is never edited: addenda
    "learning:plan-unit-add": CREATES,
    "learning:learning-record-add": CREATES,
    "learning:refresher-create": CREATES,
    "learning:refresher-complete-add": CREATES,
    "learning:refresher-retire": ONCE,  # kept, with the date retired; not changed after
    # contacts (issue 13)
    "contacts:my-note-detail": CREATES,  # the person's view: each send adds one, kept as is
    "contacts:my-appointment-ask": CREATES,  # one waiting at a time; a second is refused
    "contacts:note-withhold": ONCE,  # one in force per note; a second is refused
    "contacts:note-withhold-lift": ONCE,  # lifted once; a second is told it is shown already
    # recovery lane: the person's own goals (as the staff pages) and suggested changes
    "recovery:my-goal-create": CREATES,
    "recovery:my-step-add": CREATES,
    "recovery:my-step-done": ONCE,
    "recovery:my-progress-add": CREATES,
    # A suggestion is a new record: `based_on` says which version it started from, and
    # the worker reviewing it is told if the plan has changed since.
    "recovery:my-proposal-create": CREATES,
    # oversight
    "oversight:urgent-find": NOT_A_RECORD,  # a search: it changes no record
    "oversight:urgent-new": CREATES,  # each urgent access is a new grant, with its reason
    "oversight:urgent-end": ONCE,  # an ended grant stays ended; a second end changes nothing
    # consent lane (issue 13)
    "governance:carer-message": CREATES,
    "governance:my-share": CREATES,  # new consents; ones already in force are left as they are
    "governance:my-stop-sharing": ONCE,
    "caseload:portal-access": ONCE,  # once the person can sign in, a second is refused
    # rights (issue 13)
    "rights:my-copy": CREATES,  # asks for a copy; one open request at a time
    "rights:request-create": CREATES,
    "rights:my-correction-create": CREATES,
    "rights:retention-review": CREATES,  # each review is kept; a second admin confirms
    "rights:refuse": ONCE,  # a refused request takes no further step
    "rights:correction-answer": ONCE,  # answered once; the answered correction is closed
    # Version-checked (`attempt(conflict=...)`), but the walk's generic date is outside the
    # two months an extension may add, so its first save is refused.
    "rights:extend": "version-checked; the walk's date is outside the allowed two months",
    "groups:member-add": SET,
}

# Forms that must be found by the walk and pass: the edit forms there are today. A page
# that stops rendering one (a changed world, a broken example) fails instead of skipping.
EDIT_FORMS: set[str] = {
    "observation:observation-edit",
    "observation:observation-rate",
    "observation:observation-reflect",
    "observation:plan-review",
    "caseload:family-edit",
    "caseload:my-profile",
    "caseload:person-edit",
    "caseload:relationship-end",
    "caseload:relationship-ending",
    "caseload:relationship-transfer",
    "caseload:relationship-withdraw",
    "caseload:worker-capacity",
    "contacts:appointment-cancel",
    "contacts:appointment-how-it-went",
    "contacts:note-edit",
    "contacts:signpost-outcome",
    "contacts:appointment-request-answer",
    "contacts:my-signpost-detail",
    "directory:service-edit",
    "forums:attendance",
    "forums:edit",
    "forums:notes",
    "groups:group-edit",
    "groups:register",
    "learning:booklet-entry",
    "learning:booklet-entry-edit",
    "learning:induction-item",
    "learning:plan-unit",
    "learning:refresher-edit",
    "organisations:member-detail",
    "organisations:settings",
    "recovery:activity-edit",
    "recovery:digital-edit",
    "recovery:document-edit",
    "recovery:goal-edit",
    "recovery:worksheet-edit",
    "recruitment:application-move",
    "supervision:agreement-edit",
    "supervision:session-record",
    "supervision:session-worker-part",
    "training:assessment-change",
    "training:module-edit",
    "training:programme-edit",
    "training:register",
    "training:session-move",
    "workforce:application-move",
    "workforce:application-shortlist",
    "workforce:employment-edit",
    "workforce:employment-end",
    "workforce:post-edit",
    "workforce:request-decline",
    "workforce:vacancy-edit",
    "workforce:vacancy-move",
    "wellbeing:plan-edit",
    # pgdestroy (issue 13): were known gaps
    "governance:disclosure-withhold",
    "rights:item-decide",
}

FIRST, SECOND = "Words from the first window", "Words from the second window"

# Forms whose choices depend on one another, so the generic "another choice in each
# window" would not be a save at all: what each window chooses instead.
CHOSEN: dict[str, tuple[dict[str, str], dict[str, str]]] = {
    # "Release with a part removed" needs a part ticked: withhold, then release.
    "rights:item-decide": ({"decision": "withhold"}, {"decision": "release"}),
}


def _ours(route: Any) -> bool:
    """allauth's own pages (log-in, password, email, two-factor) are not PeerPath's forms."""
    return not route.callback.__module__.startswith("allauth")


def _target(action: str) -> str:
    """The route a form posts to ("" for allauth's, such as the header's log-out button)."""
    try:
        match = resolve(urlsplit(action).path)
    except Resolver404:
        return action
    return "" if match.func.__module__.startswith("allauth") else match.view_name


def _filled(form: RenderedForm) -> dict[str, Any]:
    """What a person fills in that the page left empty: today in empty date boxes, a
    choice in an empty drop-down, a few words in every empty text area."""
    ahead = timezone.localdate()  # allowed by "not in the past" and "not in the future"
    parts = {"day": ahead.day, "month": ahead.month, "year": ahead.year}
    filled: dict[str, Any] = {}
    for name, value in form.fields:
        if value:
            continue
        if (part := name.rsplit("_", 1)[-1]) in parts and name.endswith(
            ("_day", "_month", "_year")
        ):
            filled[name] = str(parts[part])
        elif name in form.selects:
            filled[name] = next((o for o in form.selects[name] if o), "")
        elif name in form.areas:
            filled[name] = "Something both windows wrote"
    return filled


def _changes(form: RenderedForm, words: str, nth: int) -> dict[str, Any]:
    """What a person changes, another thing in each window: words typed over the first
    text box; else a choice in each set of radio buttons or checkboxes. Radio buttons
    left unanswered are answered in any case."""
    changes = _filled(form)
    answered = form.names()
    for name, options in form.choices.items():
        choice = options[nth % len(options)]
        if name in form.radios and (name not in answered or not form.text_names):
            changes[name] = choice
        elif name not in form.selects and not form.text_names:
            changes[name] = [choice]  # a set of checkboxes: one box ticked
    if form.text_names:
        changes[form.text_names[0]] = words
    return changes


def _saved(response: Any) -> bool:
    if response.status_code in (301, 302, 303):
        return True
    return response.status_code == 200 and "There is a problem" not in words(response)


def _two_stale_saves(client: Client, page: str, form: RenderedForm, target: str) -> str:
    """'' when the second of two saves from the same rendered form is refused."""
    chosen = CHOSEN.get(target, ({}, {}))
    with transaction.atomic():
        first = client.post(form.action, form.data(**_changes(form, FIRST, 1) | chosen[0]))
        if not _saved(first):
            transaction.set_rollback(True)
            return f"the first save failed ({first.status_code}): {_problem_text(first)}"
        second = client.post(form.action, form.data(**_changes(form, SECOND, 2) | chosen[1]))
        problem = refusal_problem(second, kept=[SECOND] if form.text_names else [])
        if not problem and form.text_names:
            after = words(client.get(page, follow=True))
            if SECOND in after:
                problem = "the second save landed"
        transaction.set_rollback(True)
    return problem


def _problem_text(response: Any) -> str:
    text = words(response)
    return text[text.find("There is a problem") :][:300]


def _personas(route: Any, clients: dict[str, Client]) -> list[str]:
    policy = route_policy(route)
    if policy is None:
        return []
    if policy.kind == PUBLIC:
        return [ANONYMOUS]
    return [str(r) for r in Role if policy.kind != ROLES or r in policy.roles]


@pytest.mark.django_db
def test_every_edit_form_in_the_walk_refuses_a_second_stale_save(
    walk_world: Any,
    client_for: Any,
) -> None:
    clients = {str(r): client_for(r) for r in Role} | {ANONYMOUS: client_for(ANONYMOUS)}
    checked: dict[str, str] = {}
    for route in iter_routes():
        example = EXAMPLES.get(route.name)
        if not _ours(route) or (route.kwarg_names and example is None):
            continue
        page = _url(route, example.kwargs(walk_world) if example else {}, None)
        for persona in _personas(route, clients):
            response = clients[persona].get(page)
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue
            for form in forms_on(response, page):
                target = _target(form.action)
                if not target or target in NOT_EDIT_FORMS or target in checked:
                    continue
                if _version_field(form):
                    problem = _two_stale_saves(clients[persona], page, form, target)
                else:
                    problem = "no version field, and not in NOT_EDIT_FORMS"
                checked[target] = f"{target} (from {route.name} as {persona}): {problem}"
    problems = [line for line in checked.values() if not line.endswith(": ")]
    print("\n".join(sorted(checked.values())))
    assert problems == [], "\n".join(problems)
    assert set(checked) >= EDIT_FORMS, f"not found by the walk: {EDIT_FORMS - set(checked)}"
