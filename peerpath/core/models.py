"""The audit log: append-only, one row per audited event.

No foreign keys (a row must outlive what it names, and inserts stay cheap); ids and a
readable label are copied in. Nothing in PeerPath updates or deletes these rows: the model
refuses, the queryset refuses, and on PostgreSQL a trigger refuses (migration 0002).
"""

from typing import Any, ClassVar, NoReturn

from django.db import models


class AuditAction(models.TextChoices):
    VIEW = "view", "View"
    CREATE = "create", "Create"
    UPDATE = "update", "Update"
    DELETE = "delete", "Delete"
    EXPORT = "export", "Export"
    LOGIN = "login", "Log-in"
    LOGOUT = "logout", "Log-out"
    LOGIN_FAILED = "login_failed", "Failed log-in"
    LOCKED_OUT = "locked_out", "Account locked"


class AuditOutcome(models.TextChoices):
    ALLOWED = "allowed", "Allowed"
    DENIED = "denied", "Denied"
    NOT_FOUND = "not_found", "Not found"


class AppendOnlyError(Exception):
    """Raised on any attempt to change or remove an audit row."""


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Audit rows cannot be changed.")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("Audit rows cannot be deleted.")

    def for_organisation(self, organisation_id: int) -> "AuditEventQuerySet":
        return self.filter(organisation_id=organisation_id)


class AuditEvent(models.Model):
    at = models.DateTimeField(db_index=True)
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_label = models.CharField(max_length=254, blank=True)
    organisation_id = models.BigIntegerField(null=True, blank=True)
    action = models.CharField(max_length=20, choices=AuditAction.choices)
    outcome = models.CharField(
        max_length=20, choices=AuditOutcome.choices, default=AuditOutcome.ALLOWED
    )
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_label = models.CharField(max_length=200, blank=True)
    person_id = models.BigIntegerField(null=True, blank=True)
    reason = models.TextField(blank=True)
    path = models.CharField(max_length=500, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    # The role the actor used (a PSW who also supervises, a person reading their own
    # record), so "who has seen my record" can say it without guessing; blank on older rows.
    actor_role = models.CharField(max_length=30, blank=True, default="", db_default="")
    # The person the row is about did it themselves (their own record): left out of "who
    # has seen my record", and out of its index.
    by_subject = models.BooleanField(default=False, db_default=False)

    objects: ClassVar[AuditEventQuerySet] = AuditEventQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ("-at", "-id")
        indexes = (
            # The admin's audit search (core/selectors.py): every query names the
            # organisation and a date range and reads newest first, a page at a time by
            # (at, id); each exact filter has an index that starts with it.
            models.Index(fields=("organisation_id", "-at", "-id"), name="audit_org_at_id"),
            models.Index(fields=("organisation_id", "action", "-at"), name="audit_org_action_at"),
            models.Index(fields=("organisation_id", "outcome", "-at"), name="audit_org_outcome_at"),
            models.Index(fields=("actor_id", "-at"), name="audit_actor_at"),
            models.Index(fields=("object_type", "object_id", "-at"), name="audit_object_at"),
            models.Index(fields=("person_id", "-at"), name="audit_person_at"),
            # "Who has seen my record": others' allowed reads of one person, newest first.
            models.Index(
                fields=("person_id", "-at", "-id"),
                name="audit_person_seen",
                condition=models.Q(by_subject=False, outcome="allowed"),
            ),
        )

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_type}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("Audit rows cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Audit rows cannot be deleted.")


class FormToken(models.Model):
    """A create form's one-time token, once it has been sent (core/once.py).

    The token is issued, signed, when the form is shown; its row is written when the form
    is first sent, in the same transaction as what the form creates, and keeps where the
    created record is shown, so sending the same form again shows that record instead of
    making a second one. Rows older than `once.KEEP_FOR` can be deleted (`forget_old`).
    """

    token = models.CharField(max_length=64, unique=True)
    user_id = models.BigIntegerField(null=True, blank=True)
    path = models.CharField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    used_at = models.DateTimeField(null=True, blank=True)
    shown_at = models.CharField(max_length=500, blank=True)

    def __str__(self) -> str:
        return f"{self.path} ({'used' if self.used_at else 'not used yet'})"
