"""URL arguments for this app's routes in the URL-by-role walk (peerpath/tests/test_url_access.py).

Objects come from the caseload world (peerpath/caseload/tests/world.py). Person-scoped
routes (`people/<int:person>/...`) are also walked by the caseload-scoping test.
"""

from peerpath.tests.access_walk import Example

EXAMPLES: dict[str, Example] = {
    "governance:consent-list": Example(lambda w: {"person": w.person.pk}),
    "governance:consent-grant": Example(lambda w: {"person": w.person.pk}),
    "governance:consent-withdraw": Example(lambda w: {"person": w.person.pk, "pk": w.consent.pk}),
    # The family member linked to the carer persona.
    "governance:shared-detail": Example(lambda w: {"pk": w.family_member.pk}),
    "governance:concern-create": Example(lambda w: {"person": w.person.pk}),
    # Raised by the PSW persona and sent to the safeguarding lead and supervisor personas.
    "governance:concern-detail": Example(lambda w: {"pk": w.concern.pk}),
    "governance:concern-close": Example(lambda w: {"pk": w.concern.pk}),
    "governance:concern-action-add": Example(lambda w: {"pk": w.concern.pk}),
    # Jo Morgan, already linked to the carer persona: the page says so.
    "governance:carer-invite": Example(lambda w: {"person": w.person.pk, "pk": w.family_member.pk}),
    "governance:disclosure-list": Example(lambda w: {"person": w.person.pk}),
    "governance:disclosure-create": Example(lambda w: {"person": w.person.pk}),
}
