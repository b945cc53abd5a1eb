from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from conftest import World
from peerpath.core.roles import Role
from peerpath.framework.models import Unit
from peerpath.tests.dates import date_boxes
from peerpath.tests.pages import text
from peerpath.training.models import (
    Enrolment,
    Placement,
    PortfolioEntry,
    PortfolioStatus,
    Submission,
)
from peerpath.training.services.delivery import cohort_create
from peerpath.training.services.programme_templates import programme_templates_load
from peerpath.training.tests.helpers import template_copy

pytestmark = pytest.mark.django_db


@pytest.fixture
def enrolment(world: World, framework: Any) -> Enrolment:
    programme_templates_load()
    programme = template_copy("recovery-college-east-pep", world.organisation)
    module = programme.modules.get(order=1)
    module.units.set([Unit.objects.get(framework=framework, code="3.5")])
    cohort = cohort_create(
        programme=programme,
        title="PEP 14",
        starts_on=date(2027, 3, 1),
        facilitators=[world.user(Role.TRAINER)],
        by=None,
    )
    return Enrolment.objects.create(
        organisation=world.organisation, cohort=cohort, trainee=world.user(Role.TRAINEE)
    )


def arrange(client: Any, enrolment: Enrolment, world: World, supervisor: Any = None) -> Placement:
    response = client.post(
        f"/training/enrolments/{enrolment.pk}/placement/new/",
        {"host_team": world.team.pk, "supervisor": supervisor.pk if supervisor else ""},
    )
    assert response.status_code == 302
    return Placement.objects.get()


def test_placement_days_reviews_and_sign_off_follow_the_programme(
    enrolment: Enrolment, world: World, client_for: Any
) -> None:
    placement = arrange(client_for(Role.COORDINATOR), enrolment, world, world.user(Role.SUPERVISOR))
    trainee, supervisor = client_for(Role.TRAINEE), client_for(Role.SUPERVISOR)
    url = f"/training/placements/{placement.pk}/"
    today = timezone.localdate()
    future = trainee.post(
        url + "days/", {**date_boxes("on", today + timedelta(days=10)), "reflection": "x"}
    )
    assert "Date of the day must be today or in the past" in text(future)
    days = [str(today - timedelta(days=n)) for n in (9, 8, 7)]
    for day in days:
        response = trainee.post(url + "days/", {"on": day, "reflection": f"Reflection {day}"})
        assert response.status_code == 302
    again = trainee.post(url + "days/", {"on": days[0], "reflection": "again"})
    assert "You have already logged this day." in text(again)
    early = supervisor.post(url + "sign-off/")
    assert "3 confirmed days are needed before sign-off; 0 are confirmed." in text(early)
    for logged in placement.days.all():
        supervisor.post(f"/training/placement-days/{logged.pk}/confirm/")
    no_review = supervisor.post(url + "sign-off/")
    assert "Write the final review before signing off." in text(no_review)
    for kind in ("initial", "mid_point", "final"):
        supervisor.post(url + "reviews/", {"kind": kind, "notes": f"{kind} went well"})
    dup = supervisor.post(url + "reviews/", {"kind": "final", "notes": "again"})
    assert "The final review is already written." in text(dup)
    assert supervisor.post(url + "sign-off/").status_code == 302
    placement.refresh_from_db()
    assert placement.signed_off_by == world.user(Role.SUPERVISOR)


def test_only_the_trainee_their_supervisor_and_the_course_team_see_a_placement(
    enrolment: Enrolment, world: World, client_for: Any
) -> None:
    placement = arrange(client_for(Role.COORDINATOR), enrolment, world)
    url = f"/training/placements/{placement.pk}/"
    assert client_for(Role.TRAINEE).get(url).status_code == 200
    assert client_for(Role.TRAINER).get(url).status_code == 200
    assert client_for(Role.SUPERVISOR).get(url).status_code == 404  # not their placement
    assert client_for(Role.PSW).get(url).status_code == 403
    assert client_for("outsider").get(url).status_code == 404


def test_the_portfolio_lists_covered_statements_and_follows_evidence_to_sign_off(
    enrolment: Enrolment, world: World, client_for: Any
) -> None:
    trainee = client_for(Role.TRAINEE)
    page = text(trainee.get("/training/my/portfolio/"))
    assert "0 of 3 competences signed off." in page
    assert "3.5.3" in page and "3.6.1" not in page
    entry = PortfolioEntry.objects.get(statement__ref="3.5.3")
    url = f"/training/portfolio/{entry.pk}/"
    empty = trainee.post(url, {"request_review": "1"})
    assert "Add evidence before asking for a review." in text(empty)
    work = Submission.objects.create(
        organisation=world.organisation,
        enrolment=enrolment,
        assessment=enrolment.cohort.programme.assessments.get(kind="final_exam"),
        number=1,
        text="exam",
    )
    trainee.post(
        url,
        {
            "kind": "submission",
            "submission": work.pk,
            "note": "My exam answer on advance statements",
        },
    )
    entry.refresh_from_db()
    assert entry.status == PortfolioStatus.IN_PROGRESS
    trainee.post(url, {"request_review": "1"})
    entry.refresh_from_db()
    assert entry.status == PortfolioStatus.EVIDENCED
    assert "Trainee Riverside: 3.5.3" in text(
        client_for(Role.TRAINER).get("/training/portfolio/reviews/")
    )
    assert trainee.post(url, {"sign_off": "1"}).status_code == 404  # not their own sign-off
    client_for(Role.TRAINER).post(url, {"sign_off": "1"})
    entry.refresh_from_db()
    assert entry.status == PortfolioStatus.SIGNED_OFF
    assert entry.signed_off_by == world.user(Role.TRAINER) and entry.signed_off_at is not None


def test_the_portfolio_follows_the_person_into_employment(
    enrolment: Enrolment, world: World, client_for: Any
) -> None:
    from peerpath.organisations.models import Membership

    trainee = world.user(Role.TRAINEE)
    Membership.objects.filter(user=trainee, role=Role.TRAINEE).delete()
    Membership.objects.create(user=trainee, organisation=world.organisation, role=Role.PSW)
    from allauth.mfa.totp.internal.auth import TOTP
    from django.test import Client

    TOTP.activate(trainee, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")  # staff now: two-factor

    client = Client()
    client.force_login(trainee)
    page = text(client.get("/training/my/portfolio/"))
    assert "3.5.3" in page


@pytest.mark.parametrize("units", [1, 8])
def test_portfolio_query_count_is_flat(
    enrolment: Enrolment,
    framework: Any,
    client_for: Any,
    django_assert_num_queries: Any,
    units: int,
) -> None:
    module = enrolment.cohort.programme.modules.get(order=1)
    module.units.set(Unit.objects.filter(framework=framework).order_by("order")[:units])
    client = client_for(Role.TRAINER)
    url = f"/training/enrolments/{enrolment.pk}/portfolio/"
    client.get(url)
    with django_assert_num_queries(9):
        assert client.get(url).status_code == 200
