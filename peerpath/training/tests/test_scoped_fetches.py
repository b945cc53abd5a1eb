"""Each training and recruitment page that opens one record fetches it from a selector scoped
to the actor (`*_of(actor=)`, `*_visible(actor=)`): another organisation's record answers
404 and the attempt is audited as such, a missing one as "no such record", and a shipped
template is read by every organisation but changed by none."""

from collections.abc import Callable
from typing import Any

import pytest

from conftest import World
from peerpath.core.models import AuditEvent, AuditOutcome
from peerpath.core.roles import Role
from peerpath.recruitment.tests.factories import ApplicationFactory, IntakeFactory
from peerpath.training.tests.factories import (
    AssessmentRequirementFactory,
    AwardFactory,
    CohortFactory,
    EligibilityCriterionFactory,
    EnrolmentFactory,
    ModuleFactory,
    PlacementDayFactory,
    PortfolioEntryFactory,
    ProgrammeFactory,
    SubmissionFactory,
    TrainingSessionFactory,
)

pytestmark = pytest.mark.django_db

# (URL with {pk}, method, a record of an organisation other than the world's, its type)
ELSEWHERE: list[tuple[str, str, Callable[[], Any], str]] = [
    ("/training/programmes/{pk}/", "get", ProgrammeFactory, "training.programme"),
    ("/training/programmes/{pk}/edit/", "get", ProgrammeFactory, "training.programme"),
    ("/training/programmes/{pk}/requirements/", "get", ProgrammeFactory, "training.programme"),
    ("/training/modules/{pk}/edit/", "get", ModuleFactory, "training.module"),
    ("/training/cohorts/{pk}/", "get", CohortFactory, "training.cohort"),
    ("/training/cohorts/{pk}/submissions/", "get", CohortFactory, "training.cohort"),
    (
        "/training/sessions/{pk}/register/",
        "get",
        TrainingSessionFactory,
        "training.trainingsession",
    ),
    ("/training/submissions/{pk}/mark/", "get", SubmissionFactory, "training.submission"),
    ("/training/submissions/{pk}/file/", "get", SubmissionFactory, "training.submission"),
    (
        "/training/assessments/{pk}/criteria/",
        "get",
        AssessmentRequirementFactory,
        "training.assessmentrequirement",
    ),
    (
        "/training/assessments/{pk}/change/",
        "post",
        AssessmentRequirementFactory,
        "training.assessmentrequirement",
    ),
    (
        "/training/eligibility/{pk}/remove/",
        "post",
        EligibilityCriterionFactory,
        "training.eligibilitycriterion",
    ),
    ("/training/enrolments/{pk}/placement/new/", "get", EnrolmentFactory, "training.enrolment"),
    ("/training/enrolments/{pk}/portfolio/", "get", EnrolmentFactory, "training.enrolment"),
    ("/training/enrolments/{pk}/graduation/", "get", EnrolmentFactory, "training.enrolment"),
    (
        "/training/placement-days/{pk}/confirm/",
        "post",
        PlacementDayFactory,
        "training.placementday",
    ),
    ("/training/portfolio/{pk}/", "get", PortfolioEntryFactory, "training.portfolioentry"),
    ("/training/awards/{pk}/certificate.pdf", "get", AwardFactory, "training.award"),
    ("/training/awards/{pk}/outcomes/", "post", AwardFactory, "training.award"),
    ("/training/intakes/{pk}/", "get", IntakeFactory, "recruitment.intake"),
    ("/training/applications/{pk}/", "get", ApplicationFactory, "recruitment.application"),
]


def _not_found(client: Any, method: str, url: str) -> AuditEvent:
    """The one audit row a 404 from `url` added (audit rows are never deleted)."""
    misses = AuditEvent.objects.filter(outcome=AuditOutcome.NOT_FOUND)
    before = list(misses.values_list("pk", flat=True))
    response = getattr(client, method)(url)
    assert response.status_code == 404
    (event,) = misses.exclude(pk__in=before)
    return event


@pytest.mark.parametrize(
    ("url", "method", "make", "object_type"), ELSEWHERE, ids=[row[0] for row in ELSEWHERE]
)
def test_another_organisations_record_answers_404_and_is_audited_as_such(
    world: World,
    client_for: Any,
    url: str,
    method: str,
    make: Callable[[], Any],
    object_type: str,
) -> None:
    record = make()
    assert record.organisation_id not in (None, world.organisation.pk)
    event = _not_found(client_for(Role.COORDINATOR), method, url.format(pk=record.pk))
    assert (event.object_type, event.object_id, event.reason) == (
        object_type,
        str(record.pk),
        "another organisation's record",
    )
    assert event.actor_id == world.user(Role.COORDINATOR).pk


@pytest.mark.parametrize(
    ("url", "method", "object_type"),
    [(url, method, object_type) for url, method, _, object_type in ELSEWHERE],
    ids=[row[0] for row in ELSEWHERE],
)
def test_a_missing_record_answers_the_same_404(
    world: World, client_for: Any, url: str, method: str, object_type: str
) -> None:
    event = _not_found(client_for(Role.COORDINATOR), method, url.format(pk=999999))
    assert (event.object_type, event.reason) == (object_type, "no such record")


def test_a_template_is_read_by_every_organisation_and_changed_by_none(
    world: World, client_for: Any
) -> None:
    template: Any = ProgrammeFactory(organisation=None, title="A shipped programme")
    module: Any = ModuleFactory(programme=template)
    assessment: Any = AssessmentRequirementFactory(programme=template, title="Reflective essay")
    criterion: Any = EligibilityCriterionFactory(programme=template)
    assert (module.organisation_id, assessment.organisation_id, criterion.organisation_id) == (
        None,
        None,
        None,
    )
    coordinator = client_for(Role.COORDINATOR)
    page = coordinator.get(f"/training/programmes/{template.pk}/")
    assert page.status_code == 200 and "A shipped programme" in page.content.decode()
    assert coordinator.get(f"/training/assessments/{assessment.pk}/criteria/").status_code == 200
    changing = coordinator.get(f"/training/modules/{module.pk}/edit/")
    assert (changing.status_code, changing["Location"]) == (
        302,
        f"/training/programmes/{template.pk}/",
    )
    assert not AuditEvent.objects.filter(outcome=AuditOutcome.NOT_FOUND).exists()
    for method, url, object_type in (
        ("get", f"/training/programmes/{template.pk}/edit/", "training.programme"),
        ("get", f"/training/programmes/{template.pk}/requirements/", "training.programme"),
        (
            "post",
            f"/training/assessments/{assessment.pk}/change/",
            "training.assessmentrequirement",
        ),
        ("post", f"/training/eligibility/{criterion.pk}/remove/", "training.eligibilitycriterion"),
    ):
        event = _not_found(coordinator, method, url)
        assert (event.object_type, event.reason) == (object_type, "another organisation's record")
