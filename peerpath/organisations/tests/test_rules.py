"""The organisations' object rule: who may send an invitation's link again."""

from typing import Any

from django.utils import timezone

from conftest import OUTSIDER
from peerpath.core.actor import Actor
from peerpath.core.roles import Role
from peerpath.organisations.selectors import actor_for
from peerpath.organisations.tests.factories import InvitationFactory


def test_resend_invitation_yes_for_an_admin_of_its_organisation_while_it_waits(
    world: Any,
) -> None:
    invitation: Any = InvitationFactory(organisation=world.organisation)
    admin = actor_for(world.user(Role.ORG_ADMIN), world.organisation)
    assert admin.may("organisations.resend_invitation", invitation)
    invitation.expires_at = timezone.now()  # an expired link may be sent again
    assert admin.may("organisations.resend_invitation", invitation)


def test_resend_invitation_no_once_accepted_or_withdrawn_or_for_anyone_else(
    world: Any,
) -> None:
    invitation: Any = InvitationFactory(organisation=world.organisation)
    admin = actor_for(world.user(Role.ORG_ADMIN), world.organisation)
    for role in (Role.COORDINATOR, Role.PSW, Role.SAFEGUARDING_LEAD):
        actor = actor_for(world.user(role), world.organisation)
        assert not actor.may("organisations.resend_invitation", invitation), role
    outsider = actor_for(world.user(OUTSIDER), world.other_organisation)  # an admin there
    assert not outsider.may("organisations.resend_invitation", invitation)
    assert not Actor.anonymous().may("organisations.resend_invitation", invitation)
    invitation.accepted_at = timezone.now()
    assert not admin.may("organisations.resend_invitation", invitation)
    invitation.accepted_at = None
    invitation.withdrawn_at = timezone.now()
    assert not admin.may("organisations.resend_invitation", invitation)
