"""URL arguments for this app's routes in the URL-by-role walk (peerpath/tests/test_url_access.py).

Objects come from the caseload world (peerpath/caseload/tests/world.py). Person-scoped
routes (`people/<int:person>/...`) are also walked by the caseload-scoping test.
"""

from typing import Any

from peerpath.core.roles import Role
from peerpath.tests.access_walk import Example


def _rel(w: Any) -> dict[str, int]:
    return {"person": w.person.pk, "pk": w.relationship.pk}


EXAMPLES: dict[str, Example] = {
    "caseload:person-edit": Example(lambda w: {"person": w.person.pk}),
    # consent lane (issue 13): the person's agreement to sign in, and their invitation.
    "caseload:portal-access": Example(lambda w: {"person": w.person.pk}),
    "caseload:family-create": Example(lambda w: {"person": w.person.pk}),
    "caseload:referral-again": Example(lambda w: {"person": w.person.pk}),
    "caseload:family-edit": Example(lambda w: {"person": w.person.pk, "pk": w.family_member.pk}),
    "caseload:worker-capacity": Example(lambda w: {"worker": w.user(Role.PSW).pk}),
    **{
        f"caseload:{name}": Example(_rel)
        for name in (
            "relationship",
            "relationship-match",
            "relationship-choice",
            "relationship-first-meeting",
            "relationship-ending",
            "relationship-end",
            "relationship-withdraw",
            "relationship-transfer",
            "relationship-share",
            "relationship-summary",
        )
    },
}
