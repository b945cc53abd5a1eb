"""The demo's suggested changes: idempotent, as the rest of `seed_demo_data`.

Alex suggested a change to their crisis plan last week, from their own log-in, and Jordan
accepted it: version 2 names Alex as co-author. Nothing is left waiting, so a journey can
suggest a change and see it reviewed from the start.
"""

from datetime import timedelta

from django.utils import timezone

from peerpath.caseload.models import Person
from peerpath.organisations.models import Organisation
from peerpath.recovery.models import (
    Document,
    DocumentKind,
    DocumentProposal,
    DocumentVersion,
    ProposalStatus,
)

ALEX = "Alex Morgan"
ADDED = "Put on my calm playlist, with headphones."


def seed_recovery(organisation: Organisation) -> int:
    alex = (
        Person.objects.filter(organisation=organisation, full_name=ALEX)
        .select_related("user")
        .first()
    )
    if alex is None or alex.user is None:
        return 0
    if DocumentProposal.objects.filter(person=alex).exists():
        return 0
    crisis = Document.objects.filter(person=alex, kind=DocumentKind.CRISIS_PLAN).first()
    if crisis is None or crisis.current_version != 1:
        return 0
    first = crisis.versions.select_related("changed_by").get(number=1)
    psw = first.changed_by
    now = timezone.now()
    content = {
        **first.content,
        "what_i_can_do": f"{first.content.get('what_i_can_do', '')} {ADDED}".strip(),
    }
    proposal = DocumentProposal.objects.create(
        organisation=organisation,
        person=alex,
        kind=DocumentKind.CRISIS_PLAN,
        based_on=1,
        content=content,
        note="My playlist really helps when it gets loud.",
        proposed_by=alex.user,
        proposed_at=now - timedelta(days=7),
        status=ProposalStatus.ACCEPTED,
        decided_by=psw,
        decided_at=now - timedelta(days=6),
        decision_note="Good idea: it is in your plan now.",
        version=2,
    )
    # Written as on its day: a version is never changed afterwards (recovery.0003).
    DocumentVersion.objects.create(
        organisation=organisation,
        document=crisis,
        number=2,
        content=content,
        review_on=crisis.review_on,
        change_note=f"Suggested by {alex.display_name}",
        written_together=True,
        changed_by=psw,
        co_author=alex.user,
        proposal=proposal,
        created_at=now - timedelta(days=6),
    )
    Document.objects.filter(pk=crisis.pk).update(current_version=2)
    return 2
