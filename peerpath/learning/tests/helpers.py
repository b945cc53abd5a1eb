"""Learning's test helpers: a worker in post with a supervisor, and booklet entries."""

from datetime import date
from typing import Any

from django.utils import timezone

from peerpath.framework.models import Statement, Unit
from peerpath.supervision.models import SupervisionAgreement, SupervisionKind
from peerpath.workforce.models import EmploymentRecord, Post
from peerpath.workforce.selectors import employment_current

from ..models import BookletEntry, EntryStatus, LearningRecord, PlanUnit, Refresher

STARTED = date(2026, 1, 5)


def employ(
    organisation: Any,
    team: Any,
    worker: Any,
    *,
    line_manager: Any,
    supervisor: Any = None,
    starts_on: date = STARTED,
    today: date | None = None,
) -> EmploymentRecord:
    """The worker's current employment (made if they have none), with a practice
    supervision agreement with `supervisor` in force (made if missing)."""
    found = employment_current(organisation, worker.pk, today or timezone.localdate())
    if found is None:
        post = Post.objects.create(
            organisation=organisation,
            team=team,
            title="Peer support worker",
            service_area="adult",
            setting="community",
            hours_per_week=22.5,
        )
        found = EmploymentRecord.objects.create(
            organisation=organisation,
            worker=worker,
            post=post,
            starts_on=starts_on,
            hours_per_week=22.5,
            line_manager=line_manager,
            peer_supervisor=supervisor,
        )
    if (
        supervisor is not None
        and not SupervisionAgreement.objects.filter(
            organisation=organisation, worker=worker, supervisor=supervisor, ends_on__isnull=True
        ).exists()
    ):
        SupervisionAgreement.objects.create(
            organisation=organisation,
            worker=worker,
            supervisor=supervisor,
            kind=SupervisionKind.PRACTICE,
            every_weeks=4,
            where="Team base",
            what_is_recorded="Actions and themes",
            confidentiality_limits="Safeguarding concerns are shared",
            starts_on=starts_on,
        )
    return found


def entry(
    organisation: Any,
    worker: Any,
    *,
    refs: tuple[str, ...] = ("2.1.1",),
    status: str = EntryStatus.DRAFT,
    signed_by: Any = None,
    happened_on: date = date(2026, 2, 2),
) -> BookletEntry:
    made = BookletEntry.objects.create(
        organisation=organisation,
        worker=worker,
        happened_on=happened_on,
        what_i_did="Met someone for a walk",
        reflection="I listened more than I spoke",
        what_i_learnt="Silence helps",
        status=status,
        signed_by=signed_by,
        signed_at="2026-02-10T10:00:00Z" if signed_by else None,
    )
    made.statements.set(Statement.objects.filter(ref__in=refs))
    return made


def plan_unit(
    organisation: Any, worker: Any, code: str, *, recorded: bool = False, review_by: Any = None
) -> PlanUnit:
    """A unit of the current framework in the worker's plan, with one learning record."""
    made = PlanUnit.objects.create(
        organisation=organisation,
        worker=worker,
        unit=Unit.objects.get(framework__is_current=True, code=code),
        what_i_want_to_learn="How to bring psychological approaches into peer support",
        review_by=review_by,
        added_by=worker,
    )
    if recorded:
        LearningRecord.objects.create(
            organisation=organisation,
            plan_unit=made,
            activity="A day course",
            happened_on=date(2026, 2, 3),
            what_i_learnt="Problem-solving together",
            recorded_by=worker,
        )
    return made


def refresher(
    organisation: Any, name: str, *, every_months: int, unit: str | None = None
) -> Refresher:
    return Refresher.objects.create(
        organisation=organisation,
        name=name,
        every_months=every_months,
        unit=Unit.objects.get(framework__is_current=True, code=unit) if unit else None,
    )
