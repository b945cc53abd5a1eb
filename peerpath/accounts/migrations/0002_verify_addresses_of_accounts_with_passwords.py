"""Accounts that already chose a password were stuck: their address was never recorded as
verified, so allauth refused to let staff add an authenticator app (issue 9).

Accounts exist only by invitation, and a password can only be chosen from a link emailed to
the account's address (the invitation, which used to be a password-reset link, or a later
password reset), so an account with a password has proved its address. Record that:
its address becomes verified and primary. Accounts without a password are left alone;
they verify theirs when they accept their invitation.
"""

from typing import Any

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db import migrations
from django.db.models import Q


def verify_addresses(apps: Any, schema_editor: Any) -> None:
    User = apps.get_model("accounts", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    with_password = User.objects.exclude(
        Q(password="") | Q(password__startswith=UNUSABLE_PASSWORD_PREFIX)
    )
    for user in with_password.iterator():
        addresses = list(EmailAddress.objects.filter(user=user))
        current = next((a for a in addresses if a.email.lower() == user.email.lower()), None)
        for other in addresses:
            if other is not current and other.primary:
                other.primary = False
                other.save(update_fields=["primary"])
        if current is None:
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        elif not (current.verified and current.primary):
            current.verified = current.primary = True
            current.save(update_fields=["verified", "primary"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [migrations.RunPython(verify_addresses, migrations.RunPython.noop)]
