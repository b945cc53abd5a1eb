"""Learning's object rules (peerpath/learning/rules.py): each says yes and no."""

from typing import Any

import pytest
from django.utils import timezone

from peerpath.accounts.tests.factories import UserFactory
from peerpath.core.actor import Actor
from peerpath.core.roles import Role
from peerpath.learning.models import EntryStatus
from peerpath.learning.services import induction_for

from .helpers import entry, plan_unit

pytestmark = pytest.mark.django_db


def actor(user: Any, organisation: Any, *roles: Role) -> Actor:
    return Actor(user=user, organisation=organisation, roles=frozenset(roles))


def test_the_worker_their_supervisor_and_the_team_update_the_induction(employed: Any) -> None:
    w = employed
    induction = induction_for(employment=w.employment)
    rule = "learning.update_induction"
    assert actor(w.user(Role.PSW), w.organisation, Role.PSW).may(rule, induction)
    assert actor(w.user(Role.SUPERVISOR), w.organisation, Role.SUPERVISOR).may(rule, induction)
    assert actor(w.user(Role.COORDINATOR), w.organisation, Role.COORDINATOR).may(rule, induction)
    # Another supervisor, a trainer, the outsider, nobody signed in: no.
    assert not actor(UserFactory(), w.organisation, Role.SUPERVISOR).may(rule, induction)
    assert not actor(w.user(Role.TRAINER), w.organisation, Role.TRAINER).may(rule, induction)
    assert not actor(w.user("outsider"), w.other_organisation, Role.COORDINATOR).may(
        rule, induction
    )
    assert not Actor.anonymous().may(rule, induction)


def test_only_the_worker_edits_an_entry_and_only_until_it_is_signed(employed: Any) -> None:
    w = employed
    psw = w.user(Role.PSW)
    draft = entry(w.organisation, psw)
    signed = entry(
        w.organisation, psw, status=EntryStatus.SIGNED, signed_by=w.user(Role.SUPERVISOR)
    )
    rule = "learning.edit_booklet_entry"
    assert actor(psw, w.organisation, Role.PSW).may(rule, draft)
    assert not actor(psw, w.organisation, Role.PSW).may(rule, signed)
    assert not actor(w.user(Role.SUPERVISOR), w.organisation, Role.SUPERVISOR).may(rule, draft)


def test_their_supervisor_or_the_team_reviews_a_submitted_entry(employed: Any) -> None:
    w = employed
    psw = w.user(Role.PSW)
    submitted = entry(w.organisation, psw, status=EntryStatus.SUBMITTED)
    draft = entry(w.organisation, psw)
    rule = "learning.review_booklet_entry"
    assert actor(w.user(Role.SUPERVISOR), w.organisation, Role.SUPERVISOR).may(rule, submitted)
    assert actor(w.user(Role.COORDINATOR), w.organisation, Role.COORDINATOR).may(rule, submitted)
    assert not actor(w.user(Role.SUPERVISOR), w.organisation, Role.SUPERVISOR).may(rule, draft)
    # Nobody reviews their own entry, even on the peer development team.
    assert not actor(psw, w.organisation, Role.PSW, Role.COORDINATOR).may(rule, submitted)
    assert not actor(UserFactory(), w.organisation, Role.SUPERVISOR).may(rule, submitted)


def test_an_addendum_goes_only_on_a_signed_entry(employed: Any) -> None:
    w = employed
    psw = w.user(Role.PSW)
    signed = entry(
        w.organisation, psw, status=EntryStatus.SIGNED, signed_by=w.user(Role.SUPERVISOR)
    )
    draft = entry(w.organisation, psw)
    rule = "learning.add_addendum"
    assert actor(psw, w.organisation, Role.PSW).may(rule, signed)
    assert actor(w.user(Role.SUPERVISOR), w.organisation, Role.SUPERVISOR).may(rule, signed)
    assert not actor(psw, w.organisation, Role.PSW).may(rule, draft)
    assert not actor(w.user(Role.TRAINER), w.organisation, Role.TRAINER).may(rule, signed)


def test_the_worker_their_supervisor_or_the_team_add_plan_units(employed: Any) -> None:
    w = employed
    rule = "learning.add_plan_unit"
    assert actor(w.user(Role.PSW), w.organisation, Role.PSW).may(rule, w.employment)
    assert actor(w.user(Role.SUPERVISOR), w.organisation, Role.SUPERVISOR).may(rule, w.employment)
    assert actor(w.user(Role.COORDINATOR), w.organisation, Role.COORDINATOR).may(rule, w.employment)
    assert not actor(w.user(Role.TRAINER), w.organisation, Role.TRAINER).may(rule, w.employment)
    assert not actor(UserFactory(), w.organisation, Role.SUPERVISOR).may(rule, w.employment)


def test_the_worker_records_learning_and_the_supervisor_signs_once(employed: Any) -> None:
    w = employed
    item = plan_unit(w.organisation, w.user(Role.PSW), "5.1", recorded=True)
    psw = actor(w.user(Role.PSW), w.organisation, Role.PSW)
    supervisor = actor(w.user(Role.SUPERVISOR), w.organisation, Role.SUPERVISOR)
    assert psw.may("learning.record_learning", item)
    assert not supervisor.may("learning.record_learning", item)
    assert supervisor.may("learning.sign_plan_unit", item)
    assert not psw.may("learning.sign_plan_unit", item)
    item.signed_at, item.signed_by = timezone.now(), w.user(Role.SUPERVISOR)
    assert not supervisor.may("learning.sign_plan_unit", item)
    assert not psw.may("learning.record_learning", item)


def test_who_records_a_refresher(employed: Any) -> None:
    w = employed
    rule = "learning.record_refresher"
    assert actor(w.user(Role.PSW), w.organisation, Role.PSW).may(rule, w.employment)
    assert actor(w.user(Role.SUPERVISOR), w.organisation, Role.SUPERVISOR).may(rule, w.employment)
    assert not actor(w.user(Role.SAFEGUARDING_LEAD), w.organisation, Role.SAFEGUARDING_LEAD).may(
        rule, w.employment
    )
    assert not actor(w.user("outsider"), w.other_organisation, Role.COORDINATOR).may(
        rule, w.employment
    )
