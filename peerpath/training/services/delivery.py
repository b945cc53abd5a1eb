"""Running a cohort: creating it, its timetable, the attendance register and live
attendance figures.

Attendance counts a session as attended when the trainee was present or late. Absent and
excused sessions are not attended (the reason is kept); the programme's threshold, not
code, decides what is enough.
"""

import math
from datetime import date, time, timedelta
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest

from peerpath.core.audit import audit, audit_many
from peerpath.core.dates import EARLIEST, EARLIEST_YEAR, LATEST
from peerpath.core.models import AuditAction
from peerpath.core.versioning import claim_version
from peerpath.training.models import (
    AttendanceRecord,
    AttendanceStatus,
    Cohort,
    EnrolmentStatus,
    Module,
    Programme,
    TrainingSession,
)
from peerpath.training.selectors.delivery import cohort_place, public_holiday
from peerpath.training.services.programmes import require_own_programme

if TYPE_CHECKING:
    from peerpath.accounts.models import User


def _session_count(programme: Programme, modules: int) -> int:
    planned = (programme.weeks or 0) * (programme.days_per_week or 0) or (programme.total_days or 0)
    needed = math.ceil(modules / programme.modules_per_day) if programme.modules_per_day else 0
    return max(planned, needed)


def _teaching_days(starts_on: date, count: int, days_per_week: int) -> list[tuple[date, list[str]]]:
    """`count` days from `starts_on`: `days_per_week` consecutive days each week, on the
    start's weekday, skipping public holidays (the session goes to the next teaching day).
    Returns each day with the holidays skipped on the way to it."""
    days: list[tuple[date, list[str]]] = []
    skipped: list[str] = []
    week = 0
    while len(days) < count:
        for offset in range(days_per_week):
            day = _day_within_kept_years(starts_on, timedelta(weeks=week, days=offset))
            holiday = public_holiday(day)
            if holiday:
                skipped.append(f"{holiday} ({day:%-d %B %Y})")
                continue
            days.append((day, skipped))
            skipped = []
            if len(days) == count:
                break
        week += 1
    return days


def _day_within_kept_years(starts_on: date, after: timedelta) -> date:
    """`after` from `starts_on`, refused with a plain message outside the years PeerPath
    keeps dates in (a start stored before they were checked, or a course running past)."""
    if starts_on < EARLIEST:
        raise ValidationError(
            f"The cohort's start date, {starts_on.isoformat()}, is before {EARLIEST_YEAR}. "
            "Change the cohort's start date first."
        )
    try:
        day = starts_on + after
    except OverflowError:  # past the year 9999
        day = date.max
    if day > LATEST:
        raise ValidationError(
            f"A timetable starting on {starts_on:%-d %B %Y} would run past "
            f"{LATEST:%-d %B %Y}, the last date PeerPath keeps. Change the cohort's "
            "start date first."
        )
    return day


def timetable_generate(
    *, cohort: Cohort, by: "User | None", request: HttpRequest | None = None
) -> int:
    """Sessions from the programme's pattern, from the cohort's start date.

    The days: `days_per_week` a week for `weeks` weeks (or `total_days`), one a week when
    the programme gives no weekly pattern, never on a public holiday in England and Wales
    (that session moves to the next teaching day). Each session has the programme's
    training-day times and the cohort's place. Modules fill the days in order only when
    the programme says how many a day (the ImROC model: two); otherwise which module is
    taught on which day is not known, and the sessions wait for the coordinator to choose.
    Returns how many sessions were made.
    """
    if cohort.sessions.exists():
        raise ValidationError("This cohort already has a timetable. Move sessions instead.")
    programme = cohort.programme
    modules = list(programme.modules.order_by("order"))
    count = _session_count(programme, len(modules))
    if count == 0:
        raise ValidationError(
            "The programme does not say how many days it runs or how many modules are taught "
            "a day. Set its weeks and days a week, its total days, or its modules a day first."
        )
    per_day = programme.modules_per_day
    place = cohort_place(cohort)
    days = _teaching_days(cohort.starts_on, count, programme.days_per_week or 1)
    with transaction.atomic():
        sessions = [
            TrainingSession.objects.create(
                organisation=cohort.organisation,
                cohort=cohort,
                number=n,
                date=day,
                starts_at=programme.day_starts,
                ends_at=programme.day_ends,
                place=place,
            )
            for n, (day, _skipped) in enumerate(days, start=1)
        ]
        if per_day:
            for index, module in enumerate(modules):
                sessions[min(index // per_day, count - 1)].modules.add(module)
        skipped = [name for _, names in days for name in names]
        audit(
            request,
            action=AuditAction.CREATE,
            obj=cohort,
            actor=by,
            organisation_id=cohort.organisation_id,
            reason=f"timetable of {count} sessions"
            + (f", skipping {'; '.join(skipped)}" if skipped else ""),
        )
    return count


def session_move(
    *,
    session: TrainingSession,
    on: date,
    starts_at: time | None,
    ends_at: time | None,
    place: str | None = None,
    modules: list[Module] | None = None,
    expected_version: int | None,
    by: "User | None",
    request: HttpRequest | None = None,
) -> TrainingSession:
    """Change a session's day, times, place and (when given) the modules it teaches,
    refusing (EditConflict) if someone else saved it since `expected_version`."""
    if starts_at and ends_at and ends_at <= starts_at:
        raise ValidationError({"ends_at": "The session must end after it starts."})
    if modules is not None and any(m.programme_id != session.cohort.programme_id for m in modules):
        raise ValidationError({"modules": "Choose modules of this cohort's programme."})
    with transaction.atomic():
        before = session.date
        claim_version(session, expected_version=expected_version)
        session.date, session.starts_at, session.ends_at = on, starts_at, ends_at
        fields = ["date", "starts_at", "ends_at"]
        if place is not None:
            session.place = place.strip()
            fields.append("place")
        session.save(update_fields=fields)
        if modules is not None:
            session.modules.set(modules)
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=session,
            actor=by,
            organisation_id=session.organisation_id,
            reason=f"moved from {before} to {on}" if before != on else "changed",
        )
    return session


def register_save(
    *,
    session: TrainingSession,
    entries: dict[int, tuple[str, str]],
    expected_version: int | None,
    by: "User | None",
    request: HttpRequest | None = None,
) -> int:
    """Record attendance for the session: {enrolment id: (status, reason)}. One transaction.

    A register that changes something is refused (EditConflict) if the session was saved
    since `expected_version`: opened before someone else saved it, it would put their
    answers back."""
    if by is None:
        raise ValueError("Someone signed in must do this.")
    enrolments = {e.pk: e for e in session.cohort.enrolments.filter(status=EnrolmentStatus.ACTIVE)}
    errors = {}
    for enrolment_id, (status, reason) in entries.items():
        if enrolment_id not in enrolments:
            raise ValidationError("The register lists someone who is not in this cohort.")
        if status not in AttendanceStatus.values:
            errors[f"status_{enrolment_id}"] = "Choose present, late, absent or excused."
        elif status == AttendanceStatus.EXCUSED and not reason.strip():
            errors[f"reason_{enrolment_id}"] = "Give the reason the absence is excused."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        existing = {
            r.enrolment_id: r
            for r in AttendanceRecord.objects.select_for_update().filter(session=session)
        }
        to_create, to_update = [], []
        for enrolment_id, (status, reason) in entries.items():
            record = existing.get(enrolment_id)
            if record is None:
                to_create.append(
                    AttendanceRecord(
                        organisation=session.organisation,
                        session=session,
                        enrolment_id=enrolment_id,
                        status=status,
                        reason=reason.strip(),
                        recorded_by=by,
                    )
                )
            elif (record.status, record.reason) != (status, reason.strip()):
                record.status, record.reason, record.recorded_by = status, reason.strip(), by
                to_update.append(record)
        if to_create or to_update:
            claim_version(session, expected_version=expected_version)
        AttendanceRecord.objects.bulk_create(to_create)
        AttendanceRecord.objects.bulk_update(to_update, ["status", "reason", "recorded_by"])
        if request is not None:
            audit_many(
                request,
                action=AuditAction.UPDATE,
                objects=[*to_create, *to_update],
                reason="attendance register",
            )
    return len(to_create) + len(to_update)


def cohort_create(
    *,
    programme: Programme,
    title: str,
    starts_on: date,
    facilitators: list[Any],
    by: "User | None",
    place: str = "",
    request: HttpRequest | None = None,
) -> Cohort:
    require_own_programme(programme)
    with transaction.atomic():
        cohort = Cohort(
            organisation=programme.organisation,
            programme=programme,
            title=title,
            starts_on=starts_on,
            place=place.strip(),
        )
        cohort.full_clean()
        cohort.save()
        cohort.facilitators.set(facilitators)
        audit(
            request,
            action=AuditAction.CREATE,
            obj=cohort,
            actor=by,
            organisation_id=cohort.organisation_id,
        )
    return cohort
