"""URL arguments for this app's routes in the URL-by-role walk (peerpath/tests/test_url_access.py).

Objects come from the caseload world (peerpath/caseload/tests/world.py). Person-scoped
routes (`people/<int:person>/...`) are also walked by the caseload-scoping test.
"""

from typing import Any

from peerpath.tests.access_walk import Example


def _person(w: Any) -> dict[str, Any]:
    return {"person": w.person.pk}


def _goal(w: Any) -> dict[str, Any]:
    return {"person": w.person.pk, "pk": w.goal.pk}


def _plan(w: Any) -> dict[str, Any]:
    return {"person": w.person.pk, "kind": "crisis-plan"}


EXAMPLES: dict[str, Example] = {
    "recovery:goal-list": Example(_person),
    "recovery:goal-create": Example(_person),
    "recovery:goal-detail": Example(_goal),
    "recovery:goal-edit": Example(_goal),
    "recovery:step-add": Example(_goal),
    "recovery:step-done": Example(
        lambda w: {"person": w.person.pk, "pk": w.goal.pk, "step": w.goal_step.pk}
    ),
    "recovery:progress-add": Example(_goal),
    "recovery:plan-list": Example(_person),
    "recovery:document-create": Example(_person),
    "recovery:document-detail": Example(_plan),
    "recovery:document-edit": Example(_plan),
    "recovery:document-history": Example(_plan),
    "recovery:document-version": Example(lambda w: {**_plan(w), "number": 1}),
    "recovery:document-compare": Example(_plan),
    "recovery:document-pdf": Example(_plan),
    "recovery:tool-list": Example(_person),
    "recovery:worksheet-create": Example(_person),
    "recovery:worksheet-detail": Example(lambda w: {"person": w.person.pk, "pk": w.worksheet.pk}),
    "recovery:worksheet-edit": Example(lambda w: {"person": w.person.pk, "pk": w.worksheet.pk}),
    "recovery:activity-create": Example(_person),
    "recovery:activity-edit": Example(lambda w: {"person": w.person.pk, "pk": w.activity.pk}),
    "recovery:digital-create": Example(_person),
    "recovery:digital-edit": Example(lambda w: {"person": w.person.pk, "pk": w.digital.pk}),
}
