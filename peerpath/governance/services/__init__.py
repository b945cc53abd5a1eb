"""Governance's writes, by part: consent to share and carers' accounts (`consent`),
safeguarding concerns, their escalation and disclosures (`concerns`). Everything is also
here, so `from peerpath.governance import services` serves every caller."""

from .carers import (
    CARER_MESSAGE_SUBJECT,
    carer_message_send,
    carer_messages_mark_read,
    disclosure_withhold,
    shared_pdf,
)
from .concerns import (
    CONCERN_EMAIL_SUBJECT,
    ESCALATION_EMAIL_SUBJECT,
    AlreadyClosed,
    Escalation,
    EscalationRun,
    NobodyToTell,
    concern_action_record,
    concern_close,
    concern_escalate,
    concern_raise,
    concerns_escalate_overdue,
    disclosure_record,
)
from .consent import (
    AlreadyLinked,
    AlreadyWithdrawn,
    NoConsentYet,
    carer_invite,
    consent_grant,
    consent_withdraw,
)

__all__ = [
    "CARER_MESSAGE_SUBJECT",
    "CONCERN_EMAIL_SUBJECT",
    "ESCALATION_EMAIL_SUBJECT",
    "AlreadyClosed",
    "AlreadyLinked",
    "AlreadyWithdrawn",
    "Escalation",
    "EscalationRun",
    "NoConsentYet",
    "NobodyToTell",
    "carer_invite",
    "carer_message_send",
    "carer_messages_mark_read",
    "concern_action_record",
    "concern_close",
    "concern_escalate",
    "concern_raise",
    "concerns_escalate_overdue",
    "consent_grant",
    "consent_withdraw",
    "disclosure_record",
    "disclosure_withhold",
    "shared_pdf",
]
