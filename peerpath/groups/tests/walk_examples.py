"""URL arguments for this app's routes in the URL-by-role walk (peerpath/tests/test_url_access.py).

Objects come from the caseload world (peerpath/caseload/tests/world.py). Person-scoped
routes (`people/<int:person>/...`) are also walked by the caseload-scoping test.
"""

from peerpath.tests.access_walk import Example

EXAMPLES: dict[str, Example] = {
    "groups:group-detail": Example(lambda w: {"pk": w.group.pk}),
    "groups:group-edit": Example(lambda w: {"pk": w.group.pk}),
    "groups:member-add": Example(lambda w: {"pk": w.group.pk}),
    "groups:member-search": Example(lambda w: {"pk": w.group.pk}),
    "groups:member-remove": Example(lambda w: {"group": w.group.pk, "member": w.person.pk}),
    "groups:session-create": Example(lambda w: {"pk": w.group.pk}),
    "groups:register": Example(lambda w: {"group": w.group.pk, "pk": w.group_session.pk}),
    "groups:person-groups": Example(lambda w: {"person": w.person.pk}),
}
