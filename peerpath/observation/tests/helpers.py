"""Shared set-up of observation's tests: the home supervisor supervises the home PSW."""

from typing import Any

from peerpath.core.roles import Role
from peerpath.tests.dates import date_boxes


def observation_data(**overrides: Any) -> dict[str, Any]:
    from django.utils import timezone

    data: dict[str, Any] = {
        **date_boxes("observed_on", timezone.localdate()),
        "activity": "A first meeting with someone new to peer support",
        "setting": "Community café",
        "person": "",
        "consent_method": "",
        "consent_note": "",
        "overall_feedback": "",
    }
    data.update(overrides)
    return data


def observers(world: Any) -> tuple[Any, Any]:
    return world.user(Role.SUPERVISOR), world.user(Role.PSW)
