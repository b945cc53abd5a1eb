"""Demo training: each of the four templates copied into the demo trust, with an open intake,
a cohort and its timetable, so every programme can be tried from `make run`.

The demo's module-to-framework mappings are the demo coordinator's choices, made to show the
coverage and portfolio pages; they are not part of the shipped templates.
"""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from peerpath.core.roles import Role
from peerpath.framework.models import Unit
from peerpath.organisations.models import Membership, Organisation
from peerpath.training.delivery import timetable_generate
from peerpath.training.models import Enrolment, Intake, Programme
from peerpath.training.recruitment_services import cohort_create, intake_create
from peerpath.training.services import programme_copy

# Demo mappings (module order → framework units), one line per programme.
DEMO_MAPPINGS = {
    "recovery-college-east-pep": {1: ["2.1", "2.2"], 2: ["3.5"], 3: ["2.5"]},
    "nhft-imroc-peer-support-training": {1: ["1.1"], 2: ["2.1"], 9: ["2.3"]},
    "nottinghamshire-six-hour-introduction": {2: ["1.1"], 3: ["2.5"]},
    "eleven-session-peer-support-course": {2: ["2.1"], 5: ["2.3"], 7: ["2.5"]},
}


def _staff(organisation: Organisation, role: Role) -> Any:
    membership = (
        Membership.objects.filter(organisation=organisation, role=role)
        .select_related("user")
        .first()
    )
    return membership.user if membership else None


def seed_training(organisation: Organisation) -> int:
    """Idempotent: a programme already copied into the organisation is left as it is."""
    created = 0
    today = timezone.localdate()
    coordinator = _staff(organisation, Role.COORDINATOR)
    trainer = _staff(organisation, Role.TRAINER)
    trainee = _staff(organisation, Role.TRAINEE)
    for key, mapping in DEMO_MAPPINGS.items():
        template = Programme.objects.templates().get(template_key=key)
        if Programme.objects.filter(organisation=organisation, copied_from=template).exists():
            continue
        programme = programme_copy(source=template, organisation=organisation, by=coordinator)
        for order, codes in mapping.items():
            module = programme.modules.get(order=order)
            module.units.set(Unit.objects.filter(framework__is_current=True, code__in=codes))
        cohort = cohort_create(
            programme=programme,
            title=f"{programme.title}: demo cohort",
            starts_on=today - timedelta(weeks=2, days=today.weekday()),  # a Monday
            facilitators=[u for u in (trainer,) if u],
            by=coordinator,
        )
        timetable_generate(cohort=cohort, by=coordinator)
        if not Intake.objects.filter(programme=programme).exists():
            intake_create(
                programme=programme,
                title=f"{programme.title}: next intake",
                opens_on=today - timedelta(days=7),
                closes_on=today + timedelta(days=60),
                capacity=16,
                panel=[u for u in (coordinator,) if u],
                by=coordinator,
            )
        if key == "recovery-college-east-pep" and trainee is not None:
            Enrolment.objects.get_or_create(
                cohort=cohort, trainee=trainee, defaults={"organisation": organisation}
            )
        created += 1
    return created
