"""URL arguments for this app's routes in the URL-by-role walk (peerpath/tests/test_url_access.py).

Objects come from the caseload world (peerpath/caseload/tests/world.py). The person page
(`people/<int:person>/`) is also walked by the caseload-scoping test.
"""

from peerpath.tests.access_walk import Example

EXAMPLES: dict[str, Example] = {
    "workspace:person-detail": Example(lambda w: {"person": w.person.pk}),
}
