"""Audited writes of one record: the shape services repeat, written once.

- `create_audited`: check a new record (`full_clean`), insert it, write its CREATE row.
- `update_audited`: a version-checked change (`update_if_unchanged`), then reload the
  record and write its UPDATE row.
- `delete_audited`: write the DELETE row (while the record still has its id), then delete;
  optionally version-checked first.

Each runs in one transaction of its own, so a record and its audit row commit together (a
caller already in a transaction gets a savepoint: call these as the whole of the write).
The audit row goes to the record's own organisation's log.
"""

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from django.db import models, transaction
from django.http import HttpRequest

from .audit import audit
from .models import AuditAction
from .versioning import claim_version, update_if_unchanged

if TYPE_CHECKING:
    from peerpath.accounts.models import User

M = TypeVar("M", bound=models.Model)


def _organisation_id(record: models.Model) -> int | None:
    return getattr(record, "organisation_id", None)


def create_audited(
    record: M,
    *,
    by: "User | None",
    request: HttpRequest | None = None,
    reason: str = "",
    person_id: int | None = None,
    object_label: str = "",
) -> M:
    """Insert `record` once `full_clean` passes (a `ValidationError` writes nothing) and
    audit its creation by `by`. Returns the saved record."""
    with transaction.atomic():
        record.full_clean()
        record.save()
        audit(
            request,
            action=AuditAction.CREATE,
            obj=record,
            object_label=object_label,
            actor=by,
            person_id=person_id,
            organisation_id=_organisation_id(record),
            reason=reason,
        )
    return record


def update_audited(
    record: M,
    rows: "models.QuerySet[Any]",
    *,
    expected_version: int | None,
    changes: Mapping[str, Any],
    by: "User | None",
    request: HttpRequest | None = None,
    reason: str = "",
    names_person: bool = False,
) -> M:
    """Apply `changes` to the one row `rows` selects if it is still at `expected_version`
    (else `EditConflict`, nothing written), reload `record` and audit the change by `by`.
    With `names_person`, the audit row names the record's `person_id` as it is now."""
    with transaction.atomic():
        update_if_unchanged(rows, expected_version=expected_version, changes=changes)
        record.refresh_from_db()
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=record,
            actor=by,
            person_id=getattr(record, "person_id", None) if names_person else None,
            organisation_id=_organisation_id(record),
            reason=reason,
        )
    return record


def delete_audited(
    record: models.Model,
    *,
    by: "User | None",
    request: HttpRequest | None = None,
    reason: str = "",
    versioned: bool = False,
    expected_version: int | None = None,
) -> None:
    """Audit the deletion of `record` by `by`, then delete it. With `versioned`, first
    claim its row at `expected_version` (`claim_version`: if it changed since, or no
    version came, `EditConflict` and nothing is written): the remover saw it as it was."""
    with transaction.atomic():
        if versioned:
            claim_version(record, expected_version=expected_version)
        audit(
            request,
            action=AuditAction.DELETE,
            obj=record,
            actor=by,
            organisation_id=_organisation_id(record),
            reason=reason,
        )
        record.delete()
