"""URL arguments for rights' routes in the URL-by-role walk, and its objects.

A released request for a copy of the walk's person's record (with a PDF and a JSON file)
asked for by the PSW, so that the admin and the safeguarding lead review it; an item of it
about safeguarding; and an open correction the person asked for.
"""

from datetime import date
from typing import Any

from weasyprint import HTML

from peerpath.caseload.models import Status
from peerpath.caseload.tests.factories import PeerRelationshipFactory, PersonFactory
from peerpath.core.roles import Role
from peerpath.tests.access_walk import Example

from .factories import (
    AccessPackFileFactory,
    AccessPackItemFactory,
    AccessRequestFactory,
    RectificationFactory,
)


def build(world: Any) -> None:
    person = world.person
    world.access_request = AccessRequestFactory(
        person=person, requested_by=world.user(Role.PSW), status="in_review"
    )
    world.access_item = AccessPackItemFactory(
        request=world.access_request,
        source="governance.safeguardingconcern",
        object_type="governance.safeguardingconcern",
        object_id=str(world.concern.pk),
        flags=["safeguarding", "third_party"],
        flagged=True,
        content={"What was said": "Someone is taking Alex's money."},
    )
    # A real PDF, so the canary crawls can read it.
    pdf = HTML(string="<p>A copy of your record.</p>").write_pdf()
    AccessPackFileFactory(request=world.access_request, kind="pdf", data=pdf)
    AccessPackFileFactory(request=world.access_request, kind="json", data=b"{}")
    world.rectification = RectificationFactory(person=person, raised_by=world.user(Role.PERSON))
    # Someone whose peer support ended long ago, past the retention period: under review.
    world.retention_person = PersonFactory(organisation=world.organisation, team=world.team)
    PeerRelationshipFactory(
        person=world.retention_person,
        worker=world.user(Role.PSW),
        status=Status.ENDED,
        referred_on=date(2004, 5, 1),
        ended_on=date(2005, 3, 14),
    )


def _request(w: Any) -> dict[str, Any]:
    return {"pk": w.access_request.pk}


EXAMPLES: dict[str, Example] = {
    "rights:my-copy-download": Example(lambda w: {"pk": w.access_request.pk, "kind": "pdf"}),
    "rights:request-create": Example(lambda w: {"person": w.person.pk}),
    "rights:review-detail": Example(_request),
    "rights:item-decide": Example(lambda w: {"pk": w.access_request.pk, "item": w.access_item.pk}),
    "rights:release": Example(_request),
    "rights:extend": Example(_request),
    "rights:refuse": Example(_request),
    "rights:review-download": Example(lambda w: {"pk": w.access_request.pk, "kind": "pdf"}),
    "rights:retention-review": Example(lambda w: {"pk": w.retention_person.pk}),
    "rights:retention-confirm": Example(lambda w: {"pk": w.retention_person.pk}),
    "rights:correction-answer": Example(
        lambda w: {"person": w.person.pk, "pk": w.rectification.pk}
    ),
}
