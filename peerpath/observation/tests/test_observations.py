"""Direct observations: recorded by the worker's supervisor, with the consent of a person
present, rated unit by unit against framework statements, reflected on, finalised and then
only added to."""

from typing import Any

import pytest

from peerpath.caseload.tests.factories import person_on_caseload
from peerpath.core.models import AuditAction, AuditEvent
from peerpath.core.roles import Role
from peerpath.framework.models import Statement
from peerpath.observation.models import Observation, ObservationAddendum, ObservationRating
from peerpath.observation.tests.helpers import observation_data
from peerpath.observation.tests.walk_examples import observe, supervise
from peerpath.tests.pages import text

pytestmark = pytest.mark.django_db


def unit_statements(code: str) -> list[Statement]:
    return list(Statement.objects.filter(unit__code=code).order_by("number"))


@pytest.mark.hazard("H15")
def test_a_supervisor_records_an_observation_with_the_persons_consent(
    world: Any, framework: Any, client_for: Any
) -> None:
    supervise(world)
    person = person_on_caseload(world, "Robin Hale")
    client = client_for(Role.SUPERVISOR)
    psw = world.user(Role.PSW)
    start = text(client.get("/observations/record/"))
    assert f"/observations/new/{psw.pk}/" in start
    form = client.get(f"/observations/new/{psw.pk}/")
    assert form.status_code == 200 and "Robin Hale" in text(form)
    assert "direct observation of their practice, in turn affording competence-based" in text(form)
    # Listing the caseload to choose from is audited, in one insert.
    assert AuditEvent.objects.filter(person_id=person.pk, action=AuditAction.VIEW).exists()
    response = client.post(
        f"/observations/new/{psw.pk}/",
        observation_data(person=person.pk, consent_given="on", consent_method="spoken"),
    )
    observation = Observation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/observations/{observation.pk}/units/"
    assert observation.person == person and observation.consent_given
    assert observation.observer == world.user(Role.SUPERVISOR) and observation.worker == psw
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="observation.observation")
    assert event.person_id == person.pk


@pytest.mark.hazard("H15")
def test_a_person_present_without_consent_is_not_saved(
    world: Any, framework: Any, client_for: Any
) -> None:
    supervise(world)
    person = person_on_caseload(world)
    psw = world.user(Role.PSW)
    response = client_for(Role.SUPERVISOR).post(
        f"/observations/new/{psw.pk}/", observation_data(person=person.pk)
    )
    assert response.status_code == 400
    page = text(response)
    assert "record that they agreed to be observed" in page
    assert "Say how the person agreed to be observed" in page
    assert not Observation.objects.exists()


def test_only_people_on_the_workers_caseload_can_be_named(
    world: Any, framework: Any, client_for: Any
) -> None:
    supervise(world)
    other_psw = world.user(Role.TRAINEE)
    someone_else = person_on_caseload(world, "Kit Other", worker=other_psw)
    psw = world.user(Role.PSW)
    form = client_for(Role.SUPERVISOR).get(f"/observations/new/{psw.pk}/")
    assert "Kit Other" not in text(form)
    response = client_for(Role.SUPERVISOR).post(
        f"/observations/new/{psw.pk}/",
        observation_data(person=someone_else.pk, consent_given="on", consent_method="spoken"),
    )
    assert response.status_code == 400
    assert not Observation.objects.exists()


def test_a_supervisor_without_an_agreement_cannot_observe(
    world: Any, framework: Any, client_for: Any
) -> None:
    psw = world.user(Role.PSW)
    client = client_for(Role.SUPERVISOR)
    assert f"/observations/new/{psw.pk}/" not in text(client.get("/observations/record/"))
    assert client.get(f"/observations/new/{psw.pk}/").status_code == 404
    assert client.post(f"/observations/new/{psw.pk}/", observation_data()).status_code == 404
    assert not Observation.objects.exists()


def test_statements_are_rated_one_unit_at_a_time_and_finalising_locks_it(
    world: Any, framework: Any, client_for: Any
) -> None:
    supervise(world)
    psw = world.user(Role.PSW)
    client = client_for(Role.SUPERVISOR)
    client.post(f"/observations/new/{psw.pk}/", observation_data())
    observation = Observation.objects.get()
    units = text(client.get(f"/observations/{observation.pk}/units/"))
    assert f"/observations/{observation.pk}/units/2.5/" in units
    first, second, *_ = unit_statements("2.5")
    rate_page = client.get(f"/observations/{observation.pk}/units/2.5/")
    assert first.text in text(rate_page)
    # Only this unit's statements are on the page.
    assert unit_statements("3.1")[0].text not in text(rate_page)
    missing = client.post(
        f"/observations/{observation.pk}/units/2.5/",
        {f"rating_{first.pk}": "confident", f"feedback_{first.pk}": "", "version": "1"},
    )
    assert missing.status_code == 400
    assert "Give feedback on what you saw" in text(missing)
    saved = client.post(
        f"/observations/{observation.pk}/units/2.5/",
        {
            f"rating_{first.pk}": "confident",
            f"feedback_{first.pk}": "You let silences be, and Robin filled them.",
            f"rating_{second.pk}": "developing",
            f"feedback_{second.pk}": "Next time, check back what you heard.",
            "version": "1",
        },
    )
    assert saved.status_code == 302
    assert ObservationRating.objects.filter(observation=observation).count() == 2
    # Finalising needs the overall feedback first.
    refused = client.post(f"/observations/{observation.pk}/finalise/", {"version": "2"})
    assert refused.status_code == 302
    observation.refresh_from_db()
    assert observation.finalised_at is None
    client.post(
        f"/observations/{observation.pk}/edit/",
        observation_data(overall_feedback="A warm, steady first meeting.", version="2"),
    )
    client.post(f"/observations/{observation.pk}/finalise/", {"version": "3"})
    observation.refresh_from_db()
    assert observation.finalised_at is not None
    page = text(client.get(f"/observations/{observation.pk}/"))
    assert "Demonstrated with confidence" in page and "You let silences be" in page
    assert "Finalise the observation" not in page
    # Locked: no more changes, only addenda.
    assert client.get(f"/observations/{observation.pk}/edit/").status_code == 404
    assert client.get(f"/observations/{observation.pk}/units/2.5/").status_code == 404
    added = client.post(
        f"/observations/{observation.pk}/addendum/", {"text": "We talked it through after."}
    )
    assert added.status_code == 302
    assert ObservationAddendum.objects.get().text == "We talked it through after."


def test_a_stale_rating_save_is_refused_and_keeps_the_text(
    world: Any, framework: Any, client_for: Any
) -> None:
    supervise(world)
    observation = observe(world, final=False)
    first = unit_statements("2.5")[0]
    response = client_for(Role.SUPERVISOR).post(
        f"/observations/{observation.pk}/units/2.5/",
        {f"rating_{first.pk}": "demonstrated", f"feedback_{first.pk}": "Kept text", "version": "0"},
    )
    assert response.status_code == 400
    assert "Kept text" in text(response)


def test_the_worker_reflects_then_adds_to_the_finalised_observation(
    world: Any, framework: Any, client_for: Any
) -> None:
    supervise(world)
    draft = observe(world, final=False)
    client = client_for(Role.PSW)
    assert "Add your reflection" in text(client.get(f"/observations/{draft.pk}/"))
    response = client.post(
        f"/observations/{draft.pk}/reflection/",
        {"worker_reflection": "I felt more at ease than I expected.", "version": "1"},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.worker_reflection == "I felt more at ease than I expected."
    # The worker cannot change the observer's parts.
    assert client.get(f"/observations/{draft.pk}/edit/").status_code == 403
    final = observe(world, final=True)
    assert client.get(f"/observations/{final.pk}/reflection/").status_code == 404
    assert client.post(f"/observations/{final.pk}/addendum/", {"text": "Thanks"}).status_code == 302


@pytest.mark.parametrize(
    "persona", [Role.ORG_ADMIN, Role.SAFEGUARDING_LEAD, Role.PERSON, Role.CARER]
)
def test_people_outside_the_observation_are_refused(
    world: Any, framework: Any, client_for: Any, persona: Role
) -> None:
    supervise(world)
    observation = observe(world, final=True)
    assert client_for(persona).get(f"/observations/{observation.pk}/").status_code == 403


def test_a_trainer_and_a_supervisor_not_theirs_do_not_see_it(
    world: Any, framework: Any, client_for: Any
) -> None:
    supervise(world)
    observation = observe(world, final=True)
    assert client_for(Role.TRAINER).get(f"/observations/{observation.pk}/").status_code == 404
    # The coordinator (peer development team) does.
    assert client_for(Role.COORDINATOR).get(f"/observations/{observation.pk}/").status_code == 200


def test_the_list_pages_and_keeps_its_queries_flat(
    world: Any, framework: Any, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    supervise(world)
    observe(world, final=True)
    client = client_for(Role.SUPERVISOR)
    client.get("/observations/")
    with django_assert_max_num_queries(12) as one:
        client.get("/observations/")
    for _ in range(5):
        observe(world, final=True)
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = client.get("/observations/")
    assert text(page).count("A one-to-one session") == 6


def test_home_sections_say_what_is_waiting(world: Any, framework: Any, client_for: Any) -> None:
    supervise(world)
    observe(world, final=False)
    observe(world, final=True)
    psw_home = text(client_for(Role.PSW).get("/"))
    assert "Your practice observed" in psw_home
    assert "1 finalised observation of your practice is in your competence record" in psw_home
    assert "1 observation is waiting for your reflection" in psw_home
    supervisor_home = text(client_for(Role.SUPERVISOR).get("/"))
    assert "Record a direct observation" in supervisor_home
    assert "1 observation still to finalise" in supervisor_home
    # A trainer with nobody to observe sees no empty section.
    assert "Direct observation of practice" not in text(client_for(Role.TRAINER).get("/"))


@pytest.mark.parametrize("persona", [Role.PSW, Role.SUPERVISOR, Role.COORDINATOR])
def test_the_home_sections_run_the_same_queries_however_many_observations(
    world: Any, framework: Any, client_for: Any, persona: Role
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from peerpath.observation.tests.walk_examples import open_plan

    supervise(world)
    open_plan(world, observe(world, final=True))
    client = client_for(persona)
    client.get("/")
    with CaptureQueriesContext(connection) as one:
        client.get("/")
    for _ in range(4):
        open_plan(world, observe(world, final=True), due_in_days=0)
        observe(world, final=False)
    with CaptureQueriesContext(connection) as many:
        page = text(client.get("/"))
    assert len(many.captured_queries) == len(one.captured_queries)
    assert "4 development plans are due a review" in page
