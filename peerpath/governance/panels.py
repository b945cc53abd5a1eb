"""This app's panels on the person's record page (see peerpath.caseload.panels).

`person_parts` names the querysets the panels need: consents in force, the agreement to
sign in (when they can), concerns and disclosures. The record page reads every app's
parts in one statement (peerpath.core.together). The family is the page's own (read
once), and which concerns this user may open is decided on the concerns in hand.
"""

from typing import Any

from peerpath.caseload.models import Person
from peerpath.caseload.panels import Panel
from peerpath.caseload.selectors import family_of, portal_agreements_in_force
from peerpath.core.http import PeerPathRequest
from peerpath.core.together import Part

from .selectors.concerns import concerns_of_person_qs, disclosures_newest_first, visible_among
from .selectors.sharing import consents_in_force, sharing_rows_from


def person_parts(request: PeerPathRequest, person: Person) -> dict[str, Part]:
    parts = {
        "consents": Part(consents_in_force(person)),
        "concerns": Part(concerns_of_person_qs(person)),
        "disclosures": Part(disclosures_newest_first(person)),
    }
    if person.user_id:
        parts["portal"] = Part(portal_agreements_in_force(person), limit=1)
    return parts


def person_panels(
    request: PeerPathRequest, person: Person, rows: dict[str, list[Any]]
) -> list[Panel]:
    concerns = rows["concerns"]
    portal = rows.get("portal") or [None]
    return [
        Panel(
            key="sharing",
            heading="Sharing with family and carers",
            template="governance/_panel_sharing.jinja",
            context={
                "sharing": sharing_rows_from(family_of(person), rows["consents"]),
                "portal": portal[0],
            },
        ),
        Panel(
            key="safeguarding",
            heading="Safeguarding",
            template="governance/_panel_safeguarding.jinja",
            context={
                "open_concerns": [c for c in concerns if c.status == "open"],
                "closed_concerns": [c for c in concerns if c.status != "open"],
                "visible_concern_ids": visible_among(concerns, person, actor=request.actor),
                "disclosures": rows["disclosures"],
            },
        ),
    ]
