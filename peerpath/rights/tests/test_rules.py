"""Rights' object rules, yes and no."""

from typing import Any

from peerpath.core.roles import Role
from peerpath.organisations.selectors import actor_for
from peerpath.rights.tests.factories import (
    AccessPackItemFactory,
    AccessRequestFactory,
    RectificationFactory,
)


def _actor(world: Any, persona: Any) -> Any:
    return actor_for(world.user(persona), world.organisation)


def test_review_request(caseload_world: Any) -> None:
    w = caseload_world
    request: Any = AccessRequestFactory(person=w.person, requested_by=w.user(Role.PSW))
    assert _actor(w, Role.ORG_ADMIN).may("rights.review_request", request)
    assert _actor(w, Role.SAFEGUARDING_LEAD).may("rights.review_request", request)
    assert not _actor(w, Role.PSW).may("rights.review_request", request)
    assert not _actor(w, "outsider").may("rights.review_request", request)
    own: Any = AccessRequestFactory(person=w.person, requested_by=w.user(Role.ORG_ADMIN))
    assert not _actor(w, Role.ORG_ADMIN).may("rights.review_request", own)


def test_decide_item(caseload_world: Any) -> None:
    w = caseload_world
    request: Any = AccessRequestFactory(person=w.person, requested_by=w.user(Role.PSW))
    plain: Any = AccessPackItemFactory(request=request, flags=["third_party"])
    guarded: Any = AccessPackItemFactory(request=request, flags=["safeguarding"])
    admin, lead = _actor(w, Role.ORG_ADMIN), _actor(w, Role.SAFEGUARDING_LEAD)
    assert admin.may("rights.decide_item", plain)
    assert not admin.may("rights.decide_item", guarded)
    assert lead.may("rights.decide_item", guarded)
    request.status = "released"
    request.save()
    plain.refresh_from_db()
    assert not lead.may("rights.decide_item", plain)


def test_answer_correction(caseload_world: Any) -> None:
    w = caseload_world
    rectification: Any = RectificationFactory(person=w.person)
    assert _actor(w, Role.PSW).may("rights.answer_correction", rectification)
    assert not _actor(w, "outsider").may("rights.answer_correction", rectification)
    rectification.status = "amended"
    assert not _actor(w, Role.PSW).may("rights.answer_correction", rectification)
