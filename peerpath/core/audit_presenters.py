"""How an audit row reads in the admin's audit table."""

from dataclasses import dataclass

from .models import AuditEvent


@dataclass(frozen=True)
class AuditRow:
    event: AuditEvent
    record: str


def audit_record(event: AuditEvent) -> str:
    """What the row is about, in words an admin can act on.

    A refused page names the page's address (the access check records it as a "page");
    a record without a label (a refusal or a 404 on someone else's record) names its kind,
    its id and where it was asked for.
    """
    path = event.path.split("?", 1)[0]
    if event.object_type == "page":
        return f"Page {path or event.object_id}"
    if event.object_label:
        return event.object_label
    if event.object_type:
        kind = event.object_type.rsplit(".", 1)[-1]
        text = f"{kind} {event.object_id}".strip()
        return f"{text}, at {path}" if path else text
    return f"Page {path}" if path else ""


def audit_rows(events: "list[AuditEvent]") -> list[AuditRow]:
    return [AuditRow(event=event, record=audit_record(event)) for event in events]
