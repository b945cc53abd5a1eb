"""URL arguments for this app's routes in the URL-by-role walk (peerpath/tests/test_url_access.py,
rules in peerpath/tests/access_walk.py).

Objects come from the walk's world (`walk_world` in peerpath/tests/test_url_access.py).
An argument names an object of the home organisation, so the outsider must get 404,
unless the Example says why not.
"""

from peerpath.tests.access_walk import Example

SHARED = "a unit or statement of the competence framework, shared by every organisation"

EXAMPLES: dict[str, Example] = {
    # The competence framework is reference data every organisation shares.
    "framework:unit": Example(lambda w: {"code": "3.5"}, not_of_an_organisation=SHARED),
    "framework:statement": Example(lambda w: {"ref": "3.5.3"}, not_of_an_organisation=SHARED),
    "framework:published-overview": Example(lambda w: {"organisation": w.organisation.slug}),
    "framework:published-unit": Example(
        lambda w: {"organisation": w.organisation.slug, "code": "3.5"}
    ),
    "framework:published-search": Example(lambda w: {"organisation": w.organisation.slug}),
    "framework:published-print": Example(lambda w: {"organisation": w.organisation.slug}),
}
