"""allauth behaviour for PeerPath: accounts exist only by invitation."""

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.contrib.sites.shortcuts import get_current_site
from django.core.mail import EmailMultiAlternatives
from django.http import HttpRequest

from peerpath.core.roles import STAFF_ROLES


def user_is_staff(user: Any) -> bool:
    """Staff: a staff role in any organisation."""
    return bool(user.memberships.filter(role__in=STAFF_ROLES).exists())


QUIET_MESSAGES = frozenset(
    {"account/messages/logged_in.txt", "mfa/messages/recovery_codes_generated.txt"}
)


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # Organisation admins invite people; nobody signs themselves up.
        return False

    def add_message(
        self,
        request: HttpRequest,
        level: int,
        message_template: str | None = None,
        message_context: Any = None,
        extra_tags: str = "",
        message: Any = None,
    ) -> None:
        # The home page greets people by name; "Successfully signed in" adds nothing. The
        # recovery codes page shows the new codes, so saying they were made adds nothing.
        if message_template in QUIET_MESSAGES:
            return
        super().add_message(request, level, message_template, message_context, extra_tags, message)

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """allauth's emails (a password reset link, a security notice) go through the
        worker like every other email: a mail server that is down delays them, never turns
        the page into an error (issue 10)."""
        from peerpath.jobs.mail import EmailKind, email_enqueue

        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request)}
        ctx.update(context)
        message = self.render_mail(template_prefix, email, ctx)
        html = ""
        if isinstance(message, EmailMultiAlternatives):
            html = next((str(c) for c, kind in message.alternatives if kind == "text/html"), "")
        email_enqueue(
            subject=str(message.subject),
            body=str(message.body),
            html=html,
            to=list(message.to),
            from_email=message.from_email,
            kind=EmailKind.ACCOUNT,
        )


class MFAAdapter(DefaultMFAAdapter):
    def generate_authenticator_name(self, user: Any, type: Authenticator.Type) -> str:
        """The name a new passkey is offered ("Master key" and "Backup key" in allauth)."""
        count = Authenticator.objects.filter(user_id=user.pk, type=type).count()
        return "My passkey" if count == 0 else f"Passkey {count + 1}"

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        # Staff hold other people's information: they keep two-factor authentication on.
        return not user_is_staff(authenticator.user)
