"""Every record of an organisation points only at records of the same organisation.

Each model with an `organisation` foreign key inherits it from `core.models`
(OrganisationOwned, or OrganisationOwnedOrTemplate for the parts of a published programme
template), whose `save()` refuses a parent of another organisation. Here every row of the
demo data and of the test world is checked, parent by parent (and both ends of each
many-to-many link), so that data written around `save()` (an update, a bulk create, a
migration) is checked too.
"""

from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.management import call_command
from django.db import models

from peerpath.caseload.models import FamilyMember, Person
from peerpath.organisations.models import OrganisationMismatch, OrganisationRecord

pytestmark = pytest.mark.django_db

# Models with an organisation key that are not an organisation's records, and why. (The
# job runner's logs keep a plain organisation id, as audit rows do: no key to list.)
NOT_RECORDS: dict[str, str] = {}


def _has_organisation(model: type[models.Model]) -> bool:
    try:
        return model._meta.get_field("organisation").is_relation
    except FieldDoesNotExist:
        return False


def _records() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if issubclass(m, OrganisationRecord)]


def _is_record(model: Any) -> bool:
    return isinstance(model, type) and issubclass(model, OrganisationRecord)


def _links() -> list[tuple[type[models.Model], str]]:
    """(model, foreign key) for each key from a record to another organisation's record."""
    return [
        (model, field.name)
        for model in _records()
        for field in model._meta.concrete_fields
        if isinstance(field, models.ForeignKey)
        and field.name != "organisation"
        and _is_record(field.related_model)
    ]


def _many_links() -> list[tuple[Any, str, str]]:
    """(through model, one end, other end) for each many-to-many between records."""
    found = []
    for model in _records():
        for field in model._meta.local_many_to_many:
            if _is_record(field.related_model):
                through = field.remote_field.through
                found.append((through, field.m2m_field_name(), field.m2m_reverse_field_name()))
    return found


def mismatches() -> tuple[list[str], int]:
    """Every (record, parent) pair of two organisations, and how many pairs were checked.
    A parent of no organisation (a published template) is shared by all."""
    wrong: list[str] = []
    checked = 0
    for model, name in _links():
        rows = model._base_manager.filter(**{f"{name}__isnull": False}).values_list(
            "pk", "organisation_id", f"{name}__organisation_id"
        )
        for pk, own, parents in rows:
            checked += 1
            if parents is not None and parents != own:
                wrong.append(f"{model._meta.label} {pk}: {name} of organisation {parents}")
    for through, one, other in _many_links():
        pairs = through._base_manager.values_list(
            "pk", f"{one}__organisation_id", f"{other}__organisation_id"
        )
        for pk, left, right in pairs:
            checked += 1
            if right is not None and left != right:
                wrong.append(f"{through._meta.label} {pk}: {one} and {other} differ")
    return wrong, checked


def test_every_model_with_an_organisation_key_is_an_organisation_record() -> None:
    missing = [
        model._meta.label
        for model in apps.get_models()
        if _has_organisation(model)
        and not issubclass(model, OrganisationRecord)
        and model._meta.label not in NOT_RECORDS
    ]
    assert missing == []
    assert len(_links()) > 60  # persons, programmes, cohorts, notes...: all of them


def test_the_demo_data_keeps_every_record_with_its_parents_organisation() -> None:
    call_command("seed_demo_data", verbosity=0)
    wrong, checked = mismatches()
    assert wrong == []
    assert checked > 200


def test_the_test_world_keeps_every_record_with_its_parents_organisation(
    walk_world: Any,
) -> None:
    wrong, checked = mismatches()
    assert wrong == []
    assert checked > 50


def test_the_check_finds_a_record_written_around_the_guard(caseload_world: Any) -> None:
    world = caseload_world
    FamilyMember.objects.filter(pk=world.family_member.pk).update(
        organisation=world.other_organisation
    )
    wrong, _ = mismatches()
    assert f"caseload.FamilyMember {world.family_member.pk}: person of organisation" in (
        " ".join(wrong)
    )


def test_a_record_cannot_point_at_another_organisations_parent(caseload_world: Any) -> None:
    world = caseload_world
    member = FamilyMember(
        organisation=world.other_organisation,
        person=world.person,
        name="Sam",
        relationship="friend",
    )
    with pytest.raises(ValidationError) as refused:
        member.full_clean()
    assert refused.value.message_dict["person"] == ["This belongs to another organisation."]
    with pytest.raises(OrganisationMismatch):
        member.save()
    with pytest.raises(OrganisationMismatch):
        Person.objects.create(
            organisation=world.other_organisation, team=world.team, full_name="Kit", created_by=None
        )
    assert not FamilyMember.objects.filter(name="Sam").exists()
    assert not Person.objects.filter(full_name="Kit").exists()
