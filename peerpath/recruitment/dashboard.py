"""The coordinator's dashboard: the recruitment-to-employment funnel, and what needs action.

"Employed" is counted from employment records (peerpath/workforce): a graduate whose user
has an employment record starting on or after their award. A typed outcome is not a job.

Every figure is aggregated in SQL; the number of queries depends on the number of intakes
and cohorts shown, never on how many people are in them.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from peerpath.core.actor import Actor
from peerpath.organisations.models import Organisation
from peerpath.training import selectors
from peerpath.training.models import Award, Enrolment
from peerpath.workforce.selectors import employed_after_award

from .models import OPEN_STAGES, Application, Intake, Stage

FUNNEL_STEPS = (
    "Expressions of interest",
    "Applications",
    "Offers",
    "Enrolled",
    "Graduated",
    "Employed",
)
AFTER_APPLICATION = [s for s in Stage.values if s != Stage.INTEREST]
OFFERED = (Stage.OFFER, Stage.ACCEPTED, Stage.DECLINED)


@dataclass(frozen=True)
class Funnel:
    label: str
    counts: tuple[int, ...]

    @property
    def steps(self) -> list[tuple[str, int, int]]:
        """(step, count, bar width as a percentage of the first step)."""
        top = max(self.counts[0], 1)
        return [
            (name, n, round(100 * n / top))
            for name, n in zip(FUNNEL_STEPS, self.counts, strict=True)
        ]


def intake_funnels(organisation: Organisation | None) -> list[Funnel]:
    # An enrolment names the application it came from by id: its intake is the application's.
    enrolments = Enrolment.objects.filter(
        application_id__in=Application.objects.filter(intake_id=OuterRef(OuterRef("pk"))).values(
            "pk"
        )
    )
    employed = employed_after_award("trainee_id", "award__awarded_on")
    intakes = (
        Intake.objects.filter(organisation=organisation)
        .annotate(
            interest=Count("applications", distinct=True),
            applied=Count(
                "applications", filter=Q(applications__stage__in=AFTER_APPLICATION), distinct=True
            ),
            offered=Count("applications", filter=Q(applications__stage__in=OFFERED), distinct=True),
            enrolled=_count(enrolments, "pk"),
            graduated=_count(enrolments, "award"),
            employed=_count(enrolments.filter(employed), "award"),
        )
        .order_by("-opens_on")
    )
    return [
        Funnel(i.title, (i.interest, i.applied, i.offered, i.enrolled, i.graduated, i.employed))
        for i in intakes
    ]


def _count(queryset: QuerySet[Any], field: str) -> Coalesce:
    """The number of distinct `field` values in `queryset`, as a subquery of the row."""
    counted = (
        queryset.order_by()
        .values(one=Value(1))
        .annotate(n=Count(field, distinct=True))
        .values("n")[:1]
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def programme_funnels(organisation: Organisation | None) -> list[Funnel]:
    applications = Application.objects.filter(organisation=organisation)
    by_programme: dict[int, dict[str, Any]] = {}
    for row in applications.values("intake__programme", "intake__programme__title").annotate(
        interest=Count("pk"),
        applied=Count("pk", filter=Q(stage__in=AFTER_APPLICATION)),
        offered=Count("pk", filter=Q(stage__in=OFFERED)),
    ):
        by_programme[row["intake__programme"]] = row
    enrolments = (
        Enrolment.objects.filter(organisation=organisation)
        .values("cohort__programme", "cohort__programme__title")
        .annotate(
            enrolled=Count("pk", distinct=True),
            graduated=Count("award", distinct=True),
            employed=Count(
                "award",
                filter=Q(employed_after_award("trainee_id", "award__awarded_on")),
                distinct=True,
            ),
        )
    )
    for row in enrolments:
        entry = by_programme.setdefault(
            row["cohort__programme"],
            {
                "intake__programme__title": row["cohort__programme__title"],
                "interest": 0,
                "applied": 0,
                "offered": 0,
            },
        )
        entry.update(enrolled=row["enrolled"], graduated=row["graduated"], employed=row["employed"])
    return [
        Funnel(
            row["intake__programme__title"],
            (
                row["interest"],
                row["applied"],
                row["offered"],
                row.get("enrolled", 0),
                row.get("graduated", 0),
                row.get("employed", 0),
            ),
        )
        for row in sorted(by_programme.values(), key=lambda r: r["intake__programme__title"])
    ]


def headline(organisation: Organisation | None) -> dict[str, int]:
    graduated = Award.objects.filter(organisation=organisation).count()
    employed = (
        Award.objects.filter(organisation=organisation)
        .filter(employed_after_award("enrolment__trainee_id", "awarded_on"))
        .count()
    )
    in_progress = Application.objects.filter(
        organisation=organisation, stage__in=OPEN_STAGES
    ).count()
    return {"graduated": graduated, "employed": employed, "applicants_in_progress": in_progress}


def dashboard(*, actor: Actor, at_risk_page: Any = 1) -> dict[str, Any]:
    """The coordinator's dashboard of the actor's organisation, with page `at_risk_page` of
    the trainees at risk on attendance. A fixed number of queries however many intakes,
    cohorts and trainees."""
    organisation = actor.organisation
    return {
        "headline": headline(organisation),
        "intake_funnels": intake_funnels(organisation),
        "programme_funnels": programme_funnels(organisation),
        # The same list as the coordinator's home page.
        "at_risk": selectors.delivery.attendance_at_risk_page(actor=actor, number=at_risk_page),
        "marking_count": selectors.assessment.marking_queue(actor=actor).count(),
        "unsupervised": list(selectors.placement.placements_without_supervisor(actor=actor)),
        "no_outcome": list(selectors.graduation.awards_without_outcome(actor=actor)),
    }
