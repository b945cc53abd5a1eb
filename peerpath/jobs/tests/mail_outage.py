"""A mail server that can be switched off: while it is down every send raises, as
smtplib does when the server is unreachable; once it is back, mail lands in Django's
test outbox (`django.core.mail.outbox`)."""

import smtplib
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.mail.backends.locmem import EmailBackend as OutboxBackend


class Outage:
    down = False
    refused = 0  # how many sends were refused while down


class SwitchableBackend(OutboxBackend):
    def send_messages(self, messages: Any) -> int:
        if Outage.down:
            Outage.refused += len(messages)
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


@pytest.fixture
def mail_outage(settings: Any) -> Iterator[type[Outage]]:
    """The mail server is down until the test sets `mail_outage.down = False`."""
    settings.EMAIL_BACKEND = f"{__name__}.SwitchableBackend"
    Outage.down = True
    Outage.refused = 0
    yield Outage
    Outage.down = False
