"""This app's panels on the person's record page (see peerpath.caseload.panels).

`person_parts` names the querysets the panels need; the record page reads every app's
parts in one statement (peerpath.core.together) and hands the rows to `person_panels`.
"""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from peerpath.caseload.models import Person
from peerpath.caseload.panels import Panel
from peerpath.core.together import Part

from . import selectors

WORKSHEETS_READ = 6  # five are shown; a sixth says there are more


def person_parts(request: HttpRequest, person: Person) -> dict[str, Part]:
    return {
        "goals": Part(selectors.goals_of(person)),
        "steps": Part(selectors.steps_of_goals(person)),
        "successes": Part(selectors.successes_of(person), limit=3),
        "plans": Part(selectors.current_versions_of(person)),
        "worksheets": Part(selectors.worksheets_of(person), limit=WORKSHEETS_READ),
        "activities": Part(selectors.activities_of(person)),
        "digital": Part(selectors.digital_of(person)),
    }


def person_panels(request: HttpRequest, person: Person, rows: dict[str, list[Any]]) -> list[Panel]:
    return [
        Panel(
            "recovery-goals",
            "Recovery goals",
            "recovery/_panel_goals.jinja",
            {
                "rows": selectors.goal_rows_from(rows["goals"], rows["steps"]),
                "successes": rows["successes"],
            },
        ),
        Panel(
            "plans",
            "Plans",
            "recovery/_panel_plans.jinja",
            {"rows": selectors.plan_rows_from(rows["plans"]), "today": timezone.localdate()},
        ),
        Panel(
            "tools",
            "Tools",
            "recovery/_panel_tools.jinja",
            {
                "worksheets": rows["worksheets"],
                "activities": rows["activities"],
                "digital": rows["digital"],
            },
        ),
    ]
