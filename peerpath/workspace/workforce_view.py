"""The workforce view's figures, for the peer development team (coordinators) and the
organisation's admins.

Every figure comes from an aggregate selector of the app that owns it, each one query
whatever the number of workers: posts filled and vacant, time from graduation to
employment and retention (workforce), supervision held on time (supervision), competence
statements observed (observation), development plans and refreshers due (observation and
learning). Nothing here reads a worker's wellbeing (peerpath.wellbeing): what a worker
keeps for their own self-care never appears in a performance view or an export.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date
from statistics import median
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from peerpath.core.actor import Actor
from peerpath.core.roles import Role
from peerpath.learning import selectors as learning
from peerpath.learning.refreshers import refreshers_due
from peerpath.observation import selectors as observation
from peerpath.supervision.selectors import WorkerOnTime, agreements_in_force, on_time_by_worker
from peerpath.workforce import selectors as workforce
from peerpath.workforce.models import EmploymentRecord

CSV_COLUMNS = (
    "Name",
    "Post",
    "Started",
    "Supervision last held",
    "Supervision next due",
    "Supervision on time",
    "Statements observed",
    "Development units due",
    "Refreshers due",
)


@dataclass(frozen=True)
class Bar:
    """One bar of a chart: its label, its number and its width (0 to 100) against the
    chart's largest number."""

    label: str
    count: int
    width: int


def bars(*pairs: tuple[str, int]) -> list[Bar]:
    largest = max((count for _, count in pairs), default=0)
    return [
        Bar(label, count, round(count * 100 / largest) if largest else 0) for label, count in pairs
    ]


@dataclass(frozen=True)
class WorkerRow:
    """A worker in post, with dates (never what was said in supervision) and counts."""

    worker_id: int
    name: str
    post: str
    started: date
    last_held: date | None
    next_due: date | None
    on_time: bool | None  # None: no supervision agreement in force
    statements: int
    units_due: int
    refreshers_due: int

    def csv_row(self) -> list[Any]:
        on_time = "" if self.on_time is None else ("Yes" if self.on_time else "No")
        return [
            self.name,
            self.post,
            self.started,
            self.last_held or "",
            self.next_due or "",
            on_time,
            self.statements,
            self.units_due,
            self.refreshers_due,
        ]


def workers_in_post(*, actor: Actor, today: date) -> QuerySet[EmploymentRecord]:
    """The rows of the per-worker table: the organisation's current employment records,
    by name (a worker with two posts has two rows)."""
    if actor.organisation is None:
        return EmploymentRecord.objects.none()
    return (
        workforce.employments_current(actor.organisation, today)
        .select_related("worker", "post")
        .order_by("worker__full_name", "worker_id", "starts_on", "pk")
    )


def in_post_without_agreement(*, actor: Actor, today: date) -> QuerySet[EmploymentRecord]:
    """Workers in post today with no supervision agreement in force (of either kind): their
    current employment records, by name. One query, whatever the number of workers."""
    if actor.organisation is None:
        return EmploymentRecord.objects.none()
    in_force = agreements_in_force(actor.organisation, today).filter(
        worker_id=OuterRef("worker_id")
    )
    return workers_in_post(actor=actor, today=today).exclude(Exists(in_force))


@dataclass(frozen=True)
class PerWorker:
    """The organisation-wide per-worker figures, looked up by worker id (a fixed number of
    queries: one per selector)."""

    supervision: dict[int, WorkerOnTime]
    statements: dict[int, int]
    units_due: dict[int, int]
    refreshers_due: dict[int, int]

    def row(self, employment: EmploymentRecord) -> WorkerRow:
        held = self.supervision.get(employment.worker_id)
        return WorkerRow(
            worker_id=employment.worker_id,
            name=employment.worker.display_name,
            post=employment.post.title,
            started=employment.starts_on,
            last_held=held.last_held if held else None,
            next_due=held.next_due if held else None,
            on_time=(not held.overdue) if held else None,
            statements=self.statements.get(employment.worker_id, 0),
            units_due=self.units_due.get(employment.worker_id, 0),
            refreshers_due=self.refreshers_due.get(employment.worker_id, 0),
        )

    def rows(self, employments: Any) -> list[WorkerRow]:
        return [self.row(employment) for employment in employments]


def per_worker(
    *, actor: Actor, today: date, supervision: list[WorkerOnTime] | None = None
) -> PerWorker:
    organisation = actor.organisation
    if organisation is None:
        return PerWorker({}, {}, {}, {})
    if supervision is None:
        supervision = on_time_by_worker(organisation, today)
    units = learning.development_plans_due(organisation, today)
    refreshers = Counter(row.worker_id for row in refreshers_due(organisation, today))
    return PerWorker(
        supervision={row.worker_id: row for row in supervision},
        statements=observation.statements_observed_by_worker(organisation),
        units_due={row["worker_id"]: row["units"] for row in units},
        refreshers_due=dict(refreshers),
    )


def _whole_or_tenth(value: float) -> float | int:
    """A median of days: whole when it is (the middle of an even number of graduates may
    be a half day)."""
    return int(value) if float(value).is_integer() else round(value, 1)


def _percent(part: int, whole: int) -> int | None:
    return round(part * 100 / whole) if whole else None


def figures(*, actor: Actor, today: date) -> dict[str, Any]:
    """The view's headline figures and charts. Details of areas of significant concern
    (which worker, when due) go to the peer development lead (coordinators) only; an
    organisation admin sees how many plans are due."""
    organisation = actor.organisation
    posts = workforce.posts_filled_vacant(actor=actor, today=today)
    employed = workforce.days_to_employment(actor=actor)
    days = [row["days"] for row in employed]
    ended = workforce.employments_ended(actor=actor, today=today)
    supervision = on_time_by_worker(organisation, today) if organisation else []
    on_time = sum(1 for row in supervision if not row.overdue)
    plans = list(observation.plans_due(organisation, today)) if organisation else []
    by_worker = Counter((plan.worker.display_name, plan.worker_id) for plan in plans)
    earliest: dict[int, date] = {}
    for plan in plans:  # ordered by review date: the first seen is the earliest
        earliest.setdefault(plan.worker_id, plan.next_review_on)
    sees_concerns = actor.has(Role.COORDINATOR)
    return {
        "posts": posts,
        "posts_chart": bars(("Filled", posts["filled"]), ("Vacant", posts["vacant"])),
        "employed": employed,
        "days_median": _whole_or_tenth(median(days)) if days else None,
        "days_min": min(days, default=None),
        "days_max": max(days, default=None),
        "retention": {"in_post": ended["all"] - ended["ended"], **ended},
        "retention_chart": bars(
            ("Still in post", ended["all"] - ended["ended"]), ("Employment ended", ended["ended"])
        ),
        "supervision": supervision,
        "supervision_on_time": on_time,
        "supervision_percent": _percent(on_time, len(supervision)),
        "supervision_chart": bars(
            ("Held on time", on_time), ("Overdue", len(supervision) - on_time)
        ),
        "plans_due_count": len(plans),
        "sees_concerns": sees_concerns,
        "plans_due_by_worker": (
            [
                {"name": name, "count": count, "earliest": earliest[worker_id]}
                for (name, worker_id), count in sorted(
                    by_worker.items(), key=lambda item: earliest[item[0][1]]
                )
            ]
            if sees_concerns
            else []
        ),
    }
