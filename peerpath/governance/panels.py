"""This app's panels on the person's record page (see peerpath.caseload.panels).

Four queries whatever the size of the record: consents in force, the agreement to sign in
(when they can), concerns, and disclosures. The family is the page's own (read once), and
which concerns this user may open is decided on the concerns in hand (issue 14).
"""

from peerpath.caseload.models import Person
from peerpath.caseload.panels import Panel
from peerpath.caseload.selectors import portal_agreement_current
from peerpath.core.http import PeerPathRequest

from . import selectors


def person_panels(request: PeerPathRequest, person: Person) -> list[Panel]:
    concerns = selectors.concerns_of_person(person)
    visible = selectors.visible_among(concerns, person, actor=request.actor)
    return [
        Panel(
            key="sharing",
            heading="Sharing with family and carers",
            template="governance/_panel_sharing.jinja",
            context={
                "sharing": selectors.sharing_by_recipient(person),
                "portal": portal_agreement_current(person) if person.user_id else None,
            },
        ),
        Panel(
            key="safeguarding",
            heading="Safeguarding",
            template="governance/_panel_safeguarding.jinja",
            context={
                "open_concerns": [c for c in concerns if c.status == "open"],
                "closed_concerns": [c for c in concerns if c.status != "open"],
                "visible_concern_ids": visible,
                "disclosures": selectors.disclosures_of_person(person),
            },
        ),
    ]
