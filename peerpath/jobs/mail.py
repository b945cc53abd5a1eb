"""Every email PeerPath sends goes through the worker: the page that saved a record
answers at once, and a mail server that is down only delays the email, which is retried
with back-off for about a day (`runner.retry_delay`) and can be seen failing on the
background jobs page and on /healthz.
"""

from typing import Any

from django.core.mail import EmailMultiAlternatives
from django_tasks import task

from .runner import enqueue, job

# About 20 hours of attempts: 1, 2, 4 … 256 minutes, then every 6 hours.
EMAIL_RETRIES = 11


class EmailKind:
    """What an email is for, as the background jobs page names it (never who it is to)."""

    INVITATION = "invitation"
    RECRUITMENT = "recruitment update"
    SAFEGUARDING = "safeguarding concern"
    ESCALATION = "safeguarding escalation"
    REMINDER = "reminder"
    ACCOUNT = "account"
    CARER_MESSAGE = "carer message"

    LABELS = {
        INVITATION: "Invitations",
        RECRUITMENT: "Messages to applicants",
        SAFEGUARDING: "New safeguarding concerns",
        ESCALATION: "Overdue safeguarding concerns",
        REMINDER: "Reminders",
        ACCOUNT: "Password resets and account emails",
        CARER_MESSAGE: "Messages from carers",
    }


@task(takes_context=True)
@job(retries=EMAIL_RETRIES)
def send_email(
    *,
    subject: str,
    body: str,
    to: list[str],
    kind: str,
    organisation_id: int | None = None,
    html: str = "",
    from_email: str | None = None,
) -> int:
    """Send one email now (in the worker). A failure raises, and the runner retries."""
    message = EmailMultiAlternatives(subject=subject, body=body, from_email=from_email, to=to)
    if html:
        message.attach_alternative(html, "text/html")
    return message.send(fail_silently=False)


def email_enqueue(
    *,
    subject: str,
    body: str,
    to: list[str],
    kind: str,
    organisation_id: int | None = None,
    html: str = "",
    from_email: str | None = None,
) -> None:
    """Queue an email, to be sent by the worker once the caller's transaction commits."""
    recipients = list(dict.fromkeys(address for address in to if address))
    if not recipients:
        return
    kwargs: dict[str, Any] = {
        "subject": subject,
        "body": body,
        "to": recipients,
        "kind": kind,
        "organisation_id": organisation_id,
    }
    if html:
        kwargs["html"] = html
    if from_email:
        kwargs["from_email"] = from_email
    enqueue(send_email, **kwargs)
