"""The demo's workforce (peerpath/nonprod/workforce_demo.py)."""

import io

import pytest
from django.core.management import call_command

from peerpath.nonprod.workforce_demo import seed_workforce
from peerpath.organisations.models import Organisation
from peerpath.training.models import GraduateOutcome, OutcomeKind
from peerpath.workforce.models import EmploymentRecord, RequestStatus, TeamRequest, Vacancy

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_request_a_vacancy_and_employment_records() -> None:
    call_command("seed_demo_data", stdout=io.StringIO())
    [team_request] = TeamRequest.objects.all()
    assert team_request.status == RequestStatus.PENDING
    assert team_request.requested_by.full_name == "Sam Patel"
    assert team_request.team.name == "Community Peer Support Team"
    [vacancy] = Vacancy.objects.filter(status="advertised")
    assert vacancy.criteria.count() == 8
    graduate, outside = vacancy.applications.order_by("pk")
    assert graduate.award is not None and graduate.applicant is not None
    assert outside.award is None and outside.applicant is None
    jordan = EmploymentRecord.objects.get(worker__full_name="Jordan Reid")
    assert jordan.post.team.name == "Community Peer Support Team"
    assert jordan.line_manager.full_name == "Sam Patel"
    assert jordan.peer_supervisor is not None and jordan.peer_supervisor.full_name == "Sam Patel"
    employed = GraduateOutcome.objects.filter(kind=OutcomeKind.EMPLOYED)
    graduates = {o.award.enrolment.trainee_id for o in employed}
    assert graduates and graduates <= set(EmploymentRecord.objects.values_list("worker", flat=True))
    assert seed_workforce(Organisation.objects.get(name=team_request.organisation.name)) == 0
