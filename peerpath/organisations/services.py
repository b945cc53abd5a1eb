"""Writes about teams and memberships. Each is atomic and audited."""

from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.text import slugify

from peerpath.core.audit import audit
from peerpath.core.models import AuditAction
from peerpath.core.roles import Role
from peerpath.core.versioning import require_unchanged, save_if_unchanged

from . import selectors
from .invitation_services import (
    invitation_create,
    invitation_email_send,
    invitations_withdraw,
    roles_text,
)
from .models import Membership, Organisation, Team

if TYPE_CHECKING:
    from peerpath.accounts.models import User


def team_create(
    *, organisation: Organisation, name: str, by: "User", request: HttpRequest | None = None
) -> Team:
    with transaction.atomic():
        team = Team(organisation=organisation, name=name.strip())
        team.full_clean()
        team.save()
        audit(
            request, action=AuditAction.CREATE, obj=team, actor=by, organisation_id=organisation.pk
        )
    return team


def organisation_create(
    *, name: str, kind: str, by: "User | None" = None, request: HttpRequest | None = None
) -> Organisation:
    """A new organisation (platform operators, from `manage.py create_organisation`)."""
    with transaction.atomic():
        organisation = Organisation(name=name.strip(), slug=slugify(name)[:60], kind=kind)
        organisation.full_clean()
        organisation.save()
        audit(
            request,
            action=AuditAction.CREATE,
            obj=organisation,
            actor=by,
            organisation_id=organisation.pk,
        )
    return organisation


def organisation_settings_update(
    *,
    organisation: Organisation,
    publishes_framework: bool,
    expected_version: int | None,
    by: "User",
    request: HttpRequest,
    retention_years_after_care: int | None = None,
    retention_years_after_death: int | None = None,
) -> None:
    """Save the settings, refusing (EditConflict) if another admin saved them since
    `expected_version`."""
    with transaction.atomic():
        save_if_unchanged(
            organisation,
            expected_version=expected_version,
            changes={
                "publishes_framework": publishes_framework,
                "retention_years_after_care": retention_years_after_care
                or organisation.retention_years_after_care,
                "retention_years_after_death": retention_years_after_death
                or organisation.retention_years_after_death,
            },
        )
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=organisation,
            actor=by,
            reason=("framework published" if publishes_framework else "framework not published")
            + f"; records kept {organisation.retention_years_after_care} years after care, "
            f"{organisation.retention_years_after_death} after death",
        )


def user_invite(
    *,
    organisation: Organisation,
    email: str,
    full_name: str,
    roles: set[Role],
    team: Team | None,
    by: "User | None",
    request: HttpRequest | None = None,
    base_url: str = "",
) -> Any:
    """Give a person roles in the organisation, creating their account if they have none.

    Returns the user. Someone without a password yet (a new account, or one invited
    elsewhere and not yet accepted) gets an Invitation whose emailed link sets their
    password and proves their address (invitation_services). Someone who already has a
    password keeps their account and is told about the new roles. Emails go on commit.
    """
    _check_roles_and_team(organisation, roles, team, no_roles="Choose at least one role.")
    users = get_user_model().objects
    with transaction.atomic():
        user = users.filter(email__iexact=email).first()
        if user is None:
            user = users.create_user(email=email, full_name=full_name)
            audit(
                request,
                action=AuditAction.CREATE,
                obj=user,
                actor=by,
                organisation_id=organisation.pk,
                reason="invited",
            )
        existing = set(
            Membership.objects.for_organisation(organisation)
            .filter(user=user)
            .values_list("role", flat=True)
        )
        if existing:
            raise ValidationError(
                {"email": "This person is already a member here. Change their roles instead."}
            )
        for role in roles:
            membership = Membership(user=user, organisation=organisation, role=role, team=team)
            membership.full_clean()
            membership.save()
        audit(
            request,
            action=AuditAction.CREATE,
            obj=user,
            actor=by,
            organisation_id=organisation.pk,
            object_type="organisations.membership",
            reason=f"roles granted: {roles_text(roles)}",
        )
        if user.has_usable_password():
            invitation_email_send(
                user=user,
                organisation=organisation,
                roles=roles,
                invited_by=by,
                request=request,
                base_url=base_url,
                invitation=None,
            )
        else:
            invitation_create(
                organisation=organisation,
                user=user,
                roles=roles,
                team=team,
                by=by,
                request=request,
                base_url=base_url,
            )
    return user


def membership_update(
    *,
    organisation: Organisation,
    user: Any,
    roles: set[Role],
    team: Team | None,
    seen: str | None,
    by: "User",
    request: HttpRequest | None = None,
) -> None:
    """Set exactly these roles (and this team) for the user in the organisation, unless
    they changed since the form showed them as `seen` (EditConflict)."""
    _check_roles_and_team(
        organisation,
        roles,
        team,
        no_roles="Choose at least one role, or remove this person instead.",
    )
    with transaction.atomic():
        current = {
            Role(m.role): m
            for m in Membership.objects.for_organisation(organisation)
            .select_for_update()
            .filter(user=user)
        }
        team_now = next((m.team_id for m in current.values() if m.team_id), None)
        require_unchanged(seen, selectors.membership_state(current, team_now))
        removing = set(current) - roles
        if Role.ORG_ADMIN in removing:
            _keep_an_admin(organisation, user)
        for role in removing:
            current[role].delete()
        for role in roles - set(current):
            Membership.objects.create(user=user, organisation=organisation, role=role, team=team)
        Membership.objects.for_organisation(organisation).filter(user=user).update(team=team)
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=user,
            actor=by,
            organisation_id=organisation.pk,
            object_type="organisations.membership",
            reason=f"roles now: {roles_text(roles)}; team: {team or 'none'}",
        )


def membership_remove(
    *, organisation: Organisation, user: Any, by: "User", request: HttpRequest | None = None
) -> None:
    """Take away every role the user holds in the organisation (their account stays)."""
    with transaction.atomic():
        memberships = list(
            Membership.objects.for_organisation(organisation).select_for_update().filter(user=user)
        )
        if any(m.role == Role.ORG_ADMIN for m in memberships):
            _keep_an_admin(organisation, user)
        for membership in memberships:
            membership.delete()
        invitations_withdraw(organisation=organisation, user=user, by=by, request=request)
        audit(
            request,
            action=AuditAction.DELETE,
            obj=user,
            actor=by,
            organisation_id=organisation.pk,
            object_type="organisations.membership",
            reason="removed from the organisation",
        )


def _check_roles_and_team(
    organisation: Organisation, roles: set[Role], team: Team | None, *, no_roles: str
) -> None:
    if not roles:
        raise ValidationError({"roles": no_roles})
    if team is not None and team.organisation_id != organisation.pk:
        raise ValidationError({"team": "Choose a team from this organisation."})


def _keep_an_admin(organisation: Organisation, leaving: Any) -> None:
    others = (
        Membership.objects.for_organisation(organisation)
        .filter(role=Role.ORG_ADMIN)
        .exclude(user=leaving)
        .exists()
    )
    if not others:
        raise ValidationError(
            {
                "roles": "An organisation needs at least one organisation admin. "
                "Give someone else that role first."
            }
        )
