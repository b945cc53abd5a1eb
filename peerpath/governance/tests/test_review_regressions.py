"""Regressions found in review: bad `?from=` values, and the close page's read is audited."""

from typing import Any

import pytest

from peerpath.core.models import AuditAction, AuditEvent
from peerpath.core.roles import Role
from peerpath.governance import selectors
from peerpath.tests.pages import text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "value",
    [
        "caseload.person:²",  # a superscript two: str.isdigit() says yes, int() says no
        "contacts.contactnote:١٢",  # Arabic-Indic digits
        "recovery.goal:" + "9" * 25,  # larger than any id
        "recovery.goal:-1",
        "nosuch.model:1",
    ],
)
def test_a_malformed_from_is_ignored_not_a_server_error(
    caseload_world: Any, client_for: Any, value: str
) -> None:
    world = caseload_world
    assert selectors.raised_from_record(world.person, value) is None
    response = client_for(Role.PSW).get(f"/people/{world.person.pk}/concerns/new/", {"from": value})
    assert response.status_code == 200
    assert "Raised from" not in text(response)


def test_a_well_formed_from_still_names_the_record(caseload_world: Any) -> None:
    world = caseload_world
    found = selectors.raised_from_record(world.person, f"recovery.goal:{world.goal.pk}")
    assert found is not None
    assert found.value == f"recovery.goal:{world.goal.pk}"


def test_a_close_refused_for_a_missing_outcome_audits_the_concern_shown_again(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    lead = world.user(Role.SAFEGUARDING_LEAD)
    before = AuditEvent.objects.filter(
        actor_id=lead.pk, action=AuditAction.VIEW, person_id=world.person.pk
    ).count()
    response = client_for(Role.SAFEGUARDING_LEAD).post(
        f"/safeguarding/{world.concern.pk}/close/", {"outcome": ""}
    )
    assert response.status_code == 400
    assert world.concern.what_was_said in text(response)
    views = AuditEvent.objects.filter(
        actor_id=lead.pk, action=AuditAction.VIEW, person_id=world.person.pk
    )
    assert views.count() == before + 1
    assert views.order_by("-pk").first().object_id == str(world.concern.pk)  # type: ignore[union-attr]
