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


OWN = (
    "the person's own record: the id is looked up only among the signed-in person's own "
    "records, so there is no other organisation's object to reach (an outsider with no "
    "record here sees the 'nothing here yet' page)"
)


def build(world: Any) -> None:
    """The person's own log-in (so the walk reaches the pages of their own record) and a
    change they suggested to their crisis plan."""
    from peerpath.core.roles import Role

    from .factories import DocumentProposalFactory

    person_user = world.user(Role.PERSON)
    if world.person.user_id is None:
        world.person.user = person_user
        world.person.save(update_fields=["user"])
    world.proposal = DocumentProposalFactory(
        person=world.person, based_on=1, proposed_by=person_user
    )


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
    "recovery:proposal-review": Example(
        lambda w: {"person": w.person.pk, "kind": "crisis-plan", "pk": w.proposal.pk}
    ),
    "recovery:my-goal": Example(lambda w: {"pk": w.goal.pk}, not_of_an_organisation=OWN),
    "recovery:my-step-add": Example(lambda w: {"pk": w.goal.pk}, not_of_an_organisation=OWN),
    "recovery:my-step-done": Example(
        lambda w: {"pk": w.goal.pk, "step": w.goal_step.pk}, not_of_an_organisation=OWN
    ),
    "recovery:my-progress-add": Example(lambda w: {"pk": w.goal.pk}, not_of_an_organisation=OWN),
    "recovery:my-plan": Example(lambda w: {"kind": "crisis-plan"}, not_of_an_organisation=OWN),
    "recovery:my-plan-print": Example(
        lambda w: {"kind": "crisis-plan"}, not_of_an_organisation=OWN
    ),
    "recovery:my-plan-pdf": Example(lambda w: {"kind": "crisis-plan"}, not_of_an_organisation=OWN),
    "recovery:my-proposal-create": Example(
        lambda w: {"kind": "crisis-plan"}, not_of_an_organisation=OWN
    ),
    "recovery:my-proposal-withdraw": Example(
        lambda w: {"kind": "crisis-plan", "pk": w.proposal.pk}, not_of_an_organisation=OWN
    ),
}
