"""Retention (Records Management Code of Practice 2021): a person's record is kept for the
organisation's number of years after their care ended (20 by default for mental-health
records), or after their death (10). Then it is listed for review; it is never deleted
silently. A review decides "keep until" or "destroy"; a second admin confirms a
destruction; `manage.py destroy_reviewed_records`, run as the database owner, then destroys
the record and leaves a `Tombstone`.

"Care ended" is the latest end of the person's peer support (the date they declined, for
one they declined), when none is still open. Held back from the list (a "hold"): an open
safeguarding concern, an open request for a copy or correction, a "keep until" date still
to come.

On PostgreSQL the records that must never change (signed notes, note amendments and
responses, plan versions, a concern's timeline) have triggers that refuse DELETE to
everyone, and only the tables' owner may switch them off (ADR-013). So destruction runs as
the owner (`DATABASE_URL="$DATABASE_OWNER_URL"`, as for `migrate`) and says so openly,
inside each record's one transaction: `ALTER TABLE … DISABLE TRIGGER USER` on the protected
tables it may touch, the deletes, `ENABLE TRIGGER USER`. ALTER TABLE holds an exclusive
lock until the commit, so no other session ever sees a trigger off. The audit log is
never touched: its rows are never deleted. As the application role it refuses before
writing anything.
"""

import shlex
from collections.abc import Iterable
from datetime import date
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.utils import timezone

from peerpath.caseload.models import OPEN_STATUSES, PeerRelationship, Person
from peerpath.core.actor import Actor
from peerpath.core.audit import audit
from peerpath.core.models import AuditAction
from peerpath.core.roles import Role
from peerpath.core.versioning import update_if_unchanged

from .clock import add_months
from .models import (
    OPEN_REQUEST_STATUSES,
    AccessRequest,
    CorrectionStatus,
    Rectification,
    RetentionDecision,
    RetentionReview,
    Tombstone,
)
from .sar_registry import SOURCES_IN_ORDER


def _care_ended_on() -> Subquery:
    return Subquery(
        PeerRelationship.objects.filter(person=OuterRef("pk"))
        .annotate(end=Coalesce("ended_on", "choice_recorded_on"))
        .filter(end__isnull=False)
        .order_by("-end")
        .values("end")[:1]
    )


def _latest_review() -> "QuerySet[RetentionReview]":
    return RetentionReview.objects.filter(person=OuterRef("pk")).order_by("-decided_at", "-pk")


def people_with_care_dates(organisation: Any, today: date) -> "QuerySet[Person]":
    """The organisation's people, with when their care ended and whether a hold applies."""
    from peerpath.governance.models import SafeguardingConcern

    return Person.objects.filter(organisation=organisation).annotate(
        care_ended_on=_care_ended_on(),
        in_care=Exists(
            PeerRelationship.objects.filter(person=OuterRef("pk"), status__in=OPEN_STATUSES)
        ),
        held=ExpressionWrapper(
            Exists(SafeguardingConcern.objects.filter(person=OuterRef("pk"), status="open"))
            | Exists(
                AccessRequest.objects.filter(
                    person=OuterRef("pk"), status__in=OPEN_REQUEST_STATUSES
                )
            )
            | Exists(
                Rectification.objects.filter(person=OuterRef("pk"), status=CorrectionStatus.OPEN)
            )
            | Exists(
                RetentionReview.objects.filter(
                    person=OuterRef("pk"), decision=RetentionDecision.KEEP, keep_until__gte=today
                )
            ),
            output_field=BooleanField(),
        ),
        review_id=Subquery(_latest_review().values("pk")[:1]),
        review_decision=Subquery(_latest_review().values("decision")[:1]),
        review_confirmed_at=Subquery(_latest_review().values("confirmed_at")[:1]),
    )


def retention_due(*, actor: Actor, today: date) -> "QuerySet[Person]":
    """The people of the actor's organisation whose retention period has passed, with no
    hold, longest past first (one query). Organisation admins only."""
    organisation = actor.organisation
    if organisation is None or not actor.has(Role.ORG_ADMIN):
        return Person.objects.none()
    after_care = add_months(today, -12 * organisation.retention_years_after_care)
    after_death = add_months(today, -12 * organisation.retention_years_after_death)
    return (
        people_with_care_dates(organisation, today)
        .filter(
            Q(in_care=False, care_ended_on__lt=after_care) | Q(died_on__lt=after_death),
            Q(held=False),
        )
        .order_by(F("care_ended_on").asc(nulls_last=True), "pk")
    )


def due_for(organisation: Any, person: Any) -> date | None:
    """When the person's record became due for review (the earlier of the two rules)."""
    dates = []
    if getattr(person, "care_ended_on", None):
        dates.append(add_months(person.care_ended_on, 12 * organisation.retention_years_after_care))
    if person.died_on:
        dates.append(add_months(person.died_on, 12 * organisation.retention_years_after_death))
    return min(dates) if dates else None


def retention_review_record(
    *,
    person: Any,
    decision: str,
    reason: str,
    keep_until: date | None,
    actor: Actor,
    today: date | None = None,
    request: HttpRequest | None = None,
) -> RetentionReview:
    """One admin's decision about a record due for review."""
    today = today or timezone.localdate()
    if not actor.has(Role.ORG_ADMIN) or actor.user is None:
        raise ValidationError("Only an organisation admin reviews records.")
    if not reason.strip():
        raise ValidationError({"reason": "Give the reason for the decision."})
    if decision == RetentionDecision.KEEP and (keep_until is None or keep_until <= today):
        raise ValidationError({"keep_until": "Enter a date in the future to keep it until."})
    if decision not in RetentionDecision.values:
        raise ValidationError({"decision": "Choose keep or destroy."})
    organisation: Any = actor.organisation
    due = retention_due(actor=actor, today=today).filter(pk=person.pk).first()
    if due is None:
        raise ValidationError("This record is not due for review.")
    with transaction.atomic():
        review = RetentionReview.objects.create(
            organisation=organisation,
            person=person,
            due_on=due_for(organisation, due) or today,
            decision=decision,
            keep_until=keep_until if decision == RetentionDecision.KEEP else None,
            reason=reason.strip(),
            decided_by=actor.user,
        )
        audit(
            request,
            action=AuditAction.CREATE,
            obj=review,
            person_id=person.pk,
            actor=actor.user,
            reason=f"retention review: {review.get_decision_display().lower()}",
        )
    return review


def retention_review_confirm(
    *,
    review: RetentionReview,
    expected_version: int | None,
    actor: Actor,
    request: HttpRequest | None = None,
) -> RetentionReview:
    """A second admin confirms a decision to destroy."""
    if not actor.has(Role.ORG_ADMIN) or actor.user is None:
        raise ValidationError("Only an organisation admin confirms a review.")
    if review.decided_by_id == actor.user.pk:
        raise ValidationError("A second admin must confirm: not the one who decided.")
    if review.decision != RetentionDecision.DESTROY or review.confirmed_at is not None:
        raise ValidationError("There is nothing to confirm.")
    with transaction.atomic():
        update_if_unchanged(
            RetentionReview.objects.filter(pk=review.pk),
            expected_version=expected_version,
            changes={"confirmed_by": actor.user, "confirmed_at": timezone.now()},
        )
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=review,
            person_id=review.person_id,
            actor=actor.user,
            reason="retention review: destruction confirmed by a second admin",
        )
    review.refresh_from_db()
    return review


# --- destruction (manage.py destroy_reviewed_records) ------------------------------------


def confirmed_destructions(organisation: Any = None) -> "QuerySet[RetentionReview]":
    """Confirmed decisions to destroy whose record still exists (for the command, which
    sees every organisation)."""
    reviews = RetentionReview.objects.filter(
        decision=RetentionDecision.DESTROY, confirmed_at__isnull=False, person__isnull=False
    ).select_related("person", "organisation", "decided_by", "confirmed_by")
    if organisation is not None:
        reviews = reviews.filter(organisation=organisation)
    return reviews.order_by("pk")


def destruction_plan(person: Any) -> dict[str, int]:
    """How many rows of each kind the destruction removes (or unlinks)."""
    counts = {}
    for source in SOURCES_IN_ORDER:
        count = source.rows(person).count()
        if count:
            counts[source.model] = count
    return counts


AUDIT_TABLE = "core_auditevent"  # append-only: destruction never deletes from it
# What the operator runs (README, "Production deployment": the release step's migrate).
OWNER_COMMAND = (
    'DATABASE_URL="$DATABASE_OWNER_URL" .venv/bin/python manage.py destroy_reviewed_records'
    " --yes --by {by}"
)


def _deleted_models() -> list[type[models.Model]]:
    """The models `_delete_rows` deletes from, the person's own rows."""
    from peerpath.organisations.models import Membership
    from peerpath.rights.models import AccessPackItem

    deleted: list[type[models.Model]] = [AccessPackItem, AccessRequest, Person, Membership]
    for source in SOURCES_IN_ORDER:
        if not source.unlink and source.model != "rights.retentionreview":
            deleted.append(source.model_class())
    return deleted


def _tables_reached(start: Iterable[type[models.Model]]) -> set[str]:
    """Every table a delete from these models can reach: theirs, and, through the foreign
    keys that point at them, every table a cascade could delete or update."""
    seen: set[type[models.Model]] = set()
    todo = list(start)
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        reached: list[Any] = [
            relation.related_model
            for relation in model._meta.related_objects
            if relation.on_delete is not models.DO_NOTHING
        ]
        reached += [field.remote_field.through for field in model._meta.local_many_to_many]
        todo += [other for other in reached if isinstance(other, type)]
    return {model._meta.db_table for model in seen}


def protected_tables_touched() -> list[str]:
    """The tables with user triggers (PostgreSQL) that destroying a record may touch: the
    ones whose triggers go off, inside the record's transaction, while it is destroyed.
    Refuses if that would include the audit log."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT tgrelid::regclass::text FROM pg_trigger WHERE NOT tgisinternal"
        )
        with_triggers = {table for (table,) in cursor.fetchall()}
    touched = sorted(with_triggers & _tables_reached(_deleted_models()))
    if AUDIT_TABLE in touched:
        raise ValidationError("Destroying a record would reach the audit log: refused.")
    return touched


def not_the_owner(tables: list[str]) -> list[str]:
    """Of these tables, the ones the role PeerPath is connected as does not own (so cannot
    switch their triggers off)."""
    if not tables:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname FROM pg_class WHERE relname = ANY(%s) AND relkind IN ('r', 'p')"
            " AND NOT pg_has_role(current_user, relowner, 'USAGE') ORDER BY relname",
            [tables],
        )
        return [table for (table,) in cursor.fetchall()]


def owner_needed_message(tables: list[str], by_label: str) -> str:
    return (
        "Destroying records on PostgreSQL needs the database owner: the protected tables ("
        f"{', '.join(tables)}) refuse DELETE, and only their owner may switch their triggers "
        "off for the destruction (ADR-013). Nothing was destroyed. Run it as the owner, as "
        f"for migrate: {OWNER_COMMAND.format(by=shlex.quote(by_label))}"
    )


def check_owner(by_label: str) -> list[str]:
    """On PostgreSQL, the protected tables a destruction switches the triggers of (empty
    on SQLite); refuses, before anything is written, unless connected as their owner."""
    if connection.vendor != "postgresql":
        return []
    tables = protected_tables_touched()
    if not_the_owner(tables):
        raise ValidationError(owner_needed_message(tables, by_label))
    return tables


def destroy_record(*, review: RetentionReview, by_label: str) -> Tombstone:
    """Destroy one person's record after a confirmed review, in one transaction: count,
    write the tombstone, audit, then delete (children first). On PostgreSQL, only as the
    tables' owner, with the protected tables' triggers off for the deletes alone (see the
    module's docstring); as another role it refuses and writes nothing."""
    if review.decision != RetentionDecision.DESTROY or review.confirmed_at is None:
        raise ValidationError("The review has not confirmed a destruction.")
    person = review.person
    if person is None:
        raise ValidationError("This record has been destroyed already.")
    organisation = review.organisation
    with transaction.atomic():
        protected = check_owner(by_label)
        if protected:
            # A web request waiting behind the exclusive locks waits this long at most.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = '10s'")
        dated: Any = people_with_care_dates(organisation, timezone.localdate()).get(pk=person.pk)
        if dated.held or dated.in_care:
            raise ValidationError("The record has a hold now (open care, concern or request).")
        counts = destruction_plan(person)
        tombstone = Tombstone.objects.create(
            organisation=organisation,
            person_ref=f"P{person.pk}",
            care_ended_on=dated.care_ended_on,
            year_of_death=person.died_on.year if person.died_on else None,
            review=review,
            counts=counts,
            rule=(
                f"{organisation.retention_years_after_care} years after care ended, or "
                f"{organisation.retention_years_after_death} years after death"
            ),
            destroyed_at=timezone.now(),
            destroyed_by_label=by_label,
        )
        audit(
            None,
            action=AuditAction.DELETE,
            object_type="caseload.person",
            object_id=str(person.pk),
            object_label=f"record P{person.pk}",
            person_id=person.pk,
            organisation_id=organisation.pk,
            reason=f"destroyed after retention review {review.pk}; tombstone {tombstone.pk}",
        )
        _switch_triggers(protected, "DISABLE")
        _delete_rows(person)
        if protected:
            # The foreign keys' deferred checks run now: PostgreSQL will not ALTER a table
            # with checks still pending (and a dangling reference fails here, not later).
            connection.check_constraints()
        # Not in a `finally`: if a delete fails, the transaction rolls back, the DISABLE
        # with it, and nothing else can run in the aborted transaction anyway.
        _switch_triggers(protected, "ENABLE")
    return tombstone


def _switch_triggers(tables: list[str], how: Literal["DISABLE", "ENABLE"]) -> None:
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ALTER TABLE {connection.ops.quote_name(table)} {how} TRIGGER USER")


def _delete_rows(person: Any) -> None:
    from peerpath.rights.models import AccessPackItem

    user = person.user
    AccessPackItem.objects.filter(request__person=person).delete()
    AccessRequest.objects.filter(person=person).delete()
    for source in reversed(SOURCES_IN_ORDER):
        if source.model == "caseload.person":
            continue
        if source.unlink:
            for row in source.rows(person):
                getattr(row, source.unlink).remove(person)
            continue
        if source.model == "rights.retentionreview":
            continue  # kept (person set to null), named by the tombstone
        source.model_class()._default_manager.filter(
            pk__in=list(source.rows(person).values_list("pk", flat=True))
        ).delete()
    RetentionReview.objects.filter(person=person).update(person=None)
    Person.objects.filter(pk=person.pk).delete()
    if user is not None:
        from peerpath.organisations.models import Membership

        Membership.objects.filter(user=user, role=Role.PERSON).delete()


def latest_review(person: Any) -> RetentionReview | None:
    return (
        RetentionReview.objects.filter(person=person)
        .select_related("decided_by", "confirmed_by")
        .order_by("-decided_at", "-pk")
        .first()
    )
