"""The audited writes of one record (peerpath/core/records.py)."""

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from conftest import World
from peerpath.core.models import AuditAction, AuditEvent
from peerpath.core.records import create_audited, delete_audited, update_audited
from peerpath.core.roles import Role
from peerpath.core.versioning import EditConflict
from peerpath.organisations.models import Organisation, Team
from peerpath.training.models import AssessmentRequirement
from peerpath.training.tests.factories import AssessmentRequirementFactory

pytestmark = pytest.mark.django_db


def test_a_new_record_is_saved_with_one_create_row_in_its_organisations_log(world: World) -> None:
    by = world.user(Role.COORDINATOR)
    before = AuditEvent.objects.count()

    team = create_audited(
        Team(organisation=world.organisation, name="Inpatient Peer Team"),
        by=by,
        reason="a new team",
        person_id=None,
    )

    assert Team.objects.get(pk=team.pk).name == "Inpatient Peer Team"
    assert AuditEvent.objects.count() == before + 1
    row = AuditEvent.objects.latest("pk")
    assert (row.action, row.object_type, row.object_id) == (
        AuditAction.CREATE,
        "organisations.team",
        str(team.pk),
    )
    assert (row.actor_id, row.organisation_id, row.reason) == (
        by.pk,
        world.organisation.pk,
        "a new team",
    )
    assert row.object_label == "Inpatient Peer Team"


def test_the_label_can_name_the_kind_instead_of_the_words(world: World) -> None:
    create_audited(
        Team(organisation=world.organisation, name="Private words"),
        by=world.user(Role.COORDINATOR),
        object_label="team",
    )
    assert AuditEvent.objects.latest("pk").object_label == "team"


def test_a_record_that_fails_its_checks_writes_nothing(world: World) -> None:
    before = (Team.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationError):
        create_audited(Team(organisation=world.organisation, name=""), by=None)
    assert (Team.objects.count(), AuditEvent.objects.count()) == before


def test_an_update_is_version_checked_reloaded_and_audited(world: World) -> None:
    organisation = world.organisation
    start = organisation.version
    by = world.user(Role.ORG_ADMIN)

    update_audited(
        organisation,
        Organisation.objects.filter(pk=organisation.pk),
        expected_version=start,
        changes={"publishes_framework": True},
        by=by,
        reason="settings",
    )

    assert organisation.publishes_framework is True
    assert organisation.version == start + 1
    row = AuditEvent.objects.latest("pk")
    assert (row.action, row.object_id, row.actor_id, row.reason, row.person_id) == (
        AuditAction.UPDATE,
        str(organisation.pk),
        by.pk,
        "settings",
        None,
    )


def test_a_stale_update_writes_nothing(world: World) -> None:
    organisation = world.organisation
    before = AuditEvent.objects.count()
    with pytest.raises(EditConflict):
        update_audited(
            organisation,
            Organisation.objects.filter(pk=organisation.pk),
            expected_version=organisation.version + 5,
            changes={"publishes_framework": True},
            by=world.user(Role.ORG_ADMIN),
        )
    organisation.refresh_from_db()
    assert organisation.publishes_framework is False
    assert AuditEvent.objects.count() == before


def test_a_delete_is_audited_with_the_records_id_then_done(world: World) -> None:
    team = Team.objects.create(organisation=world.organisation, name="Short-lived team")
    pk = team.pk
    delete_audited(team, by=world.user(Role.ORG_ADMIN))
    assert not Team.objects.filter(pk=pk).exists()
    row = AuditEvent.objects.latest("pk")
    assert (row.action, row.object_id, row.organisation_id) == (
        AuditAction.DELETE,
        str(pk),
        world.organisation.pk,
    )


def test_a_versioned_delete_of_a_changed_record_writes_nothing(world: World) -> None:
    item: Any = AssessmentRequirementFactory(programme__organisation=world.organisation)
    before = AuditEvent.objects.count()
    with pytest.raises(EditConflict):
        delete_audited(item, by=None, versioned=True, expected_version=item.version + 1)
    assert AssessmentRequirement.objects.filter(pk=item.pk).exists()
    assert AuditEvent.objects.count() == before

    delete_audited(item, by=None, versioned=True, expected_version=item.version)
    assert not AssessmentRequirement.objects.filter(pk=item.pk).exists()
    assert AuditEvent.objects.latest("pk").action == AuditAction.DELETE
