"""This app's panels on the person's record page (see peerpath.caseload.panels).

Each panel makes a fixed number of queries whatever the number of goals, versions or
tools: goals 3, plans 1, tools 3.
"""

from django.http import HttpRequest
from django.utils import timezone

from peerpath.caseload.models import Person
from peerpath.caseload.panels import Panel

from . import selectors


def goals_panel(person: Person) -> Panel:
    return Panel(
        "recovery-goals",
        "Recovery goals",
        "recovery/_panel_goals.jinja",
        {"rows": selectors.goal_rows(person), "successes": selectors.latest_successes(person)},
    )


def plans_panel(person: Person) -> Panel:
    return Panel(
        "plans",
        "Plans",
        "recovery/_panel_plans.jinja",
        {"rows": selectors.plan_rows(person), "today": timezone.localdate()},
    )


def tools_panel(person: Person) -> Panel:
    return Panel(
        "tools",
        "Tools",
        "recovery/_panel_tools.jinja",
        {
            "worksheets": list(selectors.worksheets_of(person)[:6]),
            "activities": list(selectors.activities_of(person)),
            "digital": list(selectors.digital_of(person)),
        },
    )


def person_panels(request: HttpRequest, person: Person) -> list[Panel]:
    return [goals_panel(person), plans_panel(person), tools_panel(person)]
