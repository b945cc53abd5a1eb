"""A peer worker already in post applies for another vacancy from their own account, and
on appointment the coordinator says whether the new post replaces the current one."""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from conftest import World
from peerpath.core.roles import Role
from peerpath.tests.dates import date_boxes
from peerpath.tests.pages import text
from peerpath.workforce import services
from peerpath.workforce.models import EmploymentRecord, JobApplication, JobStage
from peerpath.workforce.tests.helpers import advertise, evidence_for, make_post, make_vacancy

pytestmark = pytest.mark.django_db

CURRENT = "Peer support worker, ward 3"
NEW = "Peer support worker, community team"


def _in_post(world: World) -> EmploymentRecord:
    return EmploymentRecord.objects.create(
        organisation=world.organisation,
        worker=world.user(Role.PSW),
        post=make_post(world, title=CURRENT),
        starts_on=date(2026, 1, 5),
        hours_per_week=Decimal("15"),
        line_manager=world.user(Role.SUPERVISOR),
    )


def _accepted(world: World, vacancy: Any) -> JobApplication:
    worker = world.user(Role.PSW)
    application = services.application_submit(
        vacancy=vacancy,
        full_name=worker.full_name,
        email=worker.email,
        phone="",
        evidence={c.pk: "From my own recovery" for c in vacancy.criteria.all()},
        applicant=worker,
    )
    JobApplication.objects.filter(pk=application.pk).update(stage=JobStage.ACCEPTED)
    application.refresh_from_db()
    return application


def _appoint(world: World, application: JobApplication, starts_on: date, **more: Any) -> Any:
    return services.appoint(
        application=application,
        starts_on=starts_on,
        hours_per_week=Decimal("22.5"),
        line_manager=world.user(Role.SUPERVISOR),
        peer_supervisor=world.user(Role.SUPERVISOR),
        expected_version=application.version,
        by=world.user(Role.COORDINATOR),
        **more,
    )


def test_a_peer_worker_in_post_sees_other_vacancies_at_home_and_applies(
    world: World, client_for: Any
) -> None:
    record = _in_post(world)
    own = advertise(make_vacancy(world, record.post))  # their own post is not offered
    other = advertise(make_vacancy(world, make_post(world, title=NEW)))
    psw = client_for(Role.PSW)
    home = text(psw.get("/"))
    assert "Other peer worker vacancies" in home
    assert f"/workforce/vacancies/{other.pk}/apply/" in home
    assert f"/workforce/vacancies/{own.pk}/apply/" not in home
    worker = world.user(Role.PSW)
    form = text(psw.get(f"/workforce/vacancies/{other.pk}/apply/"))
    assert f'value="{worker.email}"' in form
    sent = psw.post(
        f"/workforce/vacancies/{other.pk}/apply/",
        {"full_name": worker.full_name, "email": worker.email, **evidence_for(other)},
    )
    assert sent.status_code == 302
    application = JobApplication.objects.get()
    assert application.applicant == worker and application.stage == JobStage.APPLIED
    assert "you have applied" in text(psw.get("/"))


def test_a_peer_worker_not_in_post_does_not_apply_from_their_account(
    world: World, client_for: Any
) -> None:
    vacancy = advertise(make_vacancy(world))
    psw = client_for(Role.PSW)
    assert "Other peer worker vacancies" not in text(psw.get("/"))
    refused = psw.get(f"/workforce/vacancies/{vacancy.pk}/apply/", follow=True)
    assert "Applying from your account is for graduates and peer workers in post" in text(refused)
    assert not JobApplication.objects.exists()


def test_the_appointment_asks_and_a_new_post_replaces_the_old_one_the_day_before(
    world: World, client_for: Any
) -> None:
    old = _in_post(world)
    application = _accepted(world, advertise(make_vacancy(world, make_post(world, title=NEW))))
    coordinator = client_for(Role.COORDINATOR)
    page = text(coordinator.get(f"/workforce/applications/{application.pk}/"))
    assert f"Does this post replace their current post, {CURRENT}?" in page
    starts_on = timezone.localdate() + timedelta(days=14)
    data = {
        **date_boxes("starts_on", starts_on),
        "hours_per_week": "22.5",
        "line_manager": world.user(Role.SUPERVISOR).pk,
        "peer_supervisor": world.user(Role.SUPERVISOR).pk,
        "version": application.version,
    }
    unanswered = coordinator.post(f"/workforce/applications/{application.pk}/appoint/", data)
    assert unanswered.status_code == 400
    assert "Say whether this post replaces their current one." in text(unanswered)
    done = coordinator.post(
        f"/workforce/applications/{application.pk}/appoint/", {**data, "replaces_current": "yes"}
    )
    assert done.status_code == 302, text(done)[-2000:]
    old.refresh_from_db()
    assert old.ends_on == starts_on - timedelta(days=1)
    assert old.end_reason == f"Moved to a new post: {NEW}" and old.version == 2
    new = EmploymentRecord.objects.get(post__title=NEW)
    assert new.worker == world.user(Role.PSW) and new.ends_on is None


def test_a_second_post_kept_as_well_leaves_the_first_running(world: World) -> None:
    old = _in_post(world)
    application = _accepted(world, advertise(make_vacancy(world, make_post(world, title=NEW))))
    _appoint(world, application, timezone.localdate() + timedelta(days=7), replaces_current=False)
    old.refresh_from_db()
    assert old.ends_on is None
    assert EmploymentRecord.objects.filter(worker=world.user(Role.PSW), ends_on=None).count() == 2


def test_a_post_never_has_two_current_records_and_a_refusal_ends_nothing(world: World) -> None:
    old = _in_post(world)
    new_post = make_post(world, title=NEW)
    EmploymentRecord.objects.create(
        organisation=world.organisation,
        worker=world.user(Role.SUPERVISOR),
        post=new_post,
        starts_on=date(2026, 1, 5),
        hours_per_week=Decimal("15"),
        line_manager=world.user(Role.COORDINATOR),
    )
    application = _accepted(world, advertise(make_vacancy(world, new_post)))
    with pytest.raises(ValidationError, match="Someone is still employed in this post"):
        starts_on = timezone.localdate() + timedelta(days=7)
        _appoint(world, application, starts_on, replaces_current=True)
    old.refresh_from_db()
    assert old.ends_on is None and old.version == 1  # the same transaction: nothing ended
    assert EmploymentRecord.objects.filter(post=new_post).count() == 1
    application.refresh_from_db()
    assert application.stage == JobStage.ACCEPTED


def test_a_new_post_cannot_start_before_the_one_it_replaces(world: World) -> None:
    old = _in_post(world)
    application = _accepted(world, advertise(make_vacancy(world, make_post(world, title=NEW))))
    with pytest.raises(ValidationError, match="the new post must start after that"):
        _appoint(world, application, old.starts_on, replaces_current=True)
    old.refresh_from_db()
    assert old.ends_on is None
