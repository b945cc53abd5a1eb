"""On PostgreSQL the database itself keeps every saved version of a wellbeing plan."""

import pytest
from django.db import DatabaseError, connection, transaction

from conftest import World
from peerpath.core.roles import Role
from peerpath.wellbeing import services
from peerpath.wellbeing.models import WellbeingPlanVersion

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's"),
]


def test_postgresql_refuses_to_change_or_delete_plan_versions(world: World) -> None:
    version = services.plan_save(
        organisation=world.organisation,
        content={"keeps_me_well": "A walk at lunchtime."},
        shared=[],
        expected_version=0,
        by=world.user(Role.PSW),
    )
    for sql, args in (
        ("UPDATE wellbeing_wellbeingplanversion SET shared = '[]' WHERE id = %s", [version.pk]),
        ("DELETE FROM wellbeing_wellbeingplanversion WHERE id = %s", [version.pk]),
    ):
        with (
            pytest.raises(
                DatabaseError,
                match=r"wellbeing plan versions are append-only: (UPDATE|DELETE)",
            ),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, args)
    kept = WellbeingPlanVersion.objects.get(pk=version.pk)
    assert kept.content["keeps_me_well"] == "A walk at lunchtime."
