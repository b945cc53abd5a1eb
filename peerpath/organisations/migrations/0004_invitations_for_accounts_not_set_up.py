"""People invited before invitations were recorded, who have not chosen a password yet,
get an Invitation row in each organisation where they hold roles, so their admins see them
under "Invitations not accepted" and can send a new link. Their old emailed link (a
password reset, which allauth kept valid for 3 days) is what the row's expiry describes;
using it still works and counts as accepting (accounts/signals.py).
"""

from datetime import timedelta
from typing import Any

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db import migrations
from django.db.models import Q

OLD_LINK_LIFE = timedelta(days=3)


def record_waiting_invitations(apps: Any, schema_editor: Any) -> None:
    User = apps.get_model("accounts", "User")
    Membership = apps.get_model("organisations", "Membership")
    Invitation = apps.get_model("organisations", "Invitation")
    without_password = User.objects.filter(
        Q(password="") | Q(password__startswith=UNUSABLE_PASSWORD_PREFIX)
    )
    for user in without_password.iterator():
        by_organisation: dict[int, list[Any]] = {}
        for membership in Membership.objects.filter(user=user).order_by("id"):
            by_organisation.setdefault(membership.organisation_id, []).append(membership)
        for organisation_id, memberships in by_organisation.items():
            if Invitation.objects.filter(organisation_id=organisation_id, user=user).exists():
                continue
            sent_at = min(m.created_at for m in memberships)
            Invitation.objects.create(
                organisation_id=organisation_id,
                user=user,
                email=user.email,
                roles=",".join(sorted({m.role for m in memberships})),
                team_id=next((m.team_id for m in memberships if m.team_id), None),
                invited_by=None,
                created_at=sent_at,
                sent_at=sent_at,
                expires_at=sent_at + OLD_LINK_LIFE,
            )


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0003_add_invitation"),
        ("accounts", "0001_initial"),
    ]

    operations = [migrations.RunPython(record_waiting_invitations, migrations.RunPython.noop)]
