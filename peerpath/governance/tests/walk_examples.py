"""URL arguments for this app's routes in the URL-by-role walk (peerpath/tests/test_url_access.py).

Objects come from the caseload world (peerpath/caseload/tests/world.py). Person-scoped
routes (`people/<int:person>/...`) are also walked by the caseload-scoping test.
"""

from peerpath.tests.access_walk import Example

NO_OWN_RECORD = "the walk's personas have no own record: the id is never looked up"

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
    # consent lane (issue 13): the carer persona's link; the person's record.
    "governance:shared-print": Example(lambda w: {"pk": w.family_member.pk}),
    "governance:shared-pdf": Example(lambda w: {"pk": w.family_member.pk}),
    "governance:carer-message": Example(lambda w: {"pk": w.family_member.pk}),
    "governance:carer-messages": Example(lambda w: {"person": w.person.pk}),
    "governance:disclosure-withhold": Example(
        lambda w: {"person": w.person.pk, "pk": w.disclosure.pk}
    ),
    # The person's own pages fetch the id THROUGH their own record (another person's is a
    # 404: governance/tests/test_my_sharing.py). The walk's personas have no record
    # linked, so `own_record_view` answers every one of them, the outsider too, with its
    # kind "nothing here yet" page before the id is looked at.
    "governance:my-share": Example(lambda w: {"pk": w.family_member.pk}, NO_OWN_RECORD),
    "governance:my-stop-sharing": Example(lambda w: {"pk": w.consent.pk}, NO_OWN_RECORD),
}
