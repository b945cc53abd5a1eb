"""Shared by this app's tests."""

from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone

from peerpath.caseload.tests.factories import person_on_caseload
from peerpath.recovery.tests.factories import GoalFactory


def url(name: str, **kwargs: Any) -> str:
    return reverse(f"contacts:{name}", kwargs=kwargs)


def note_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "contact_on": timezone.localdate().isoformat(),
        "kind": "one_to_one",
        "place": "The café on Mill Street",
        "duration_minutes": "45",
        "note": "Alex talked about going back to college and felt hopeful.",
        "version": "",
        "save": "1",
    }
    data.update(overrides)
    return data


def another_person(world: Any, name: str = "Sam Other") -> Any:
    """A second person on the same PSW's caseload, with a goal of their own."""
    person: Any = person_on_caseload(
        world, name, reason="Support", referred_on=timezone.localdate() - timedelta(days=10)
    )
    person.goal = GoalFactory(
        person=person, in_own_words="Learn to swim", why_it_matters="-", strengths="-"
    )
    return person
