"""allauth form overrides (settings.MFA_FORMS)."""

from typing import Any

from allauth.core import context
from allauth.mfa.base.forms import AuthenticateForm
from allauth.mfa.webauthn.forms import AddWebAuthnForm
from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError

from .lockout import credentials_for


class LockAwareAuthenticateForm(AuthenticateForm):
    """The two-factor code at log-in, refused while the account is locked.

    A wrong code counts as a failed log-in (signals.count_wrong_code_as_failed_log_in), so
    the lock that five failures bring must stop the code step too, as
    axes.backends.AxesStandaloneBackend stops the password step: otherwise someone who
    knows the password could go on guessing codes, and a right guess would sign them in.
    """

    def clean_code(self) -> Any:
        request = context.request
        credentials = credentials_for(self.user)
        if not AxesProxyHandler.is_allowed(request, credentials):
            # AxesMiddleware answers with the lock-out page (lockout.locked_out_response).
            request.axes_locked_out = True
            request.axes_credentials = credentials
            user_login_failed.send(
                sender=__name__, credentials=credentials, request=request, second_factor=True
            )
            raise ValidationError("This account is locked.", code="locked")
        return super().clean_code()


class PasskeyAddForm(AddWebAuthnForm):
    """Adding a passkey, in PeerPath's words. A passkey is for logging in without a
    password ("passwordless" in allauth: a key the phone keeps, checked with the person's
    fingerprint, face or screen lock), so that is ticked unless the person chooses
    otherwise; unticked, the passkey only confirms a log-in after the password."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("passwordless", True)
        super().__init__(*args, **kwargs)
        self.fields["name"].label = "Name for this passkey"
        self.fields[
            "name"
        ].help_text = "So you can tell your passkeys apart, for example the name of your phone."
        if "passwordless" in self.fields:  # only while passkey log-in is on (settings)
            self.fields["passwordless"].label = "Use it to log in without your password"
            self.fields["passwordless"].help_text = (
                "Your phone or computer checks it is you with your fingerprint, face or "
                "screen lock."
            )
