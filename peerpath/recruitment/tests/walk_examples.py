"""URL arguments for recruitment's routes in the URL-by-role walk
(peerpath/tests/test_url_access.py, rules in peerpath/tests/access_walk.py).

Objects come from the walk's world (`walk_world` in peerpath/tests/test_url_access.py).
An argument names an object of the home organisation, so the outsider must get 404,
unless the Example says why not.
"""

from peerpath.tests.access_walk import Example

EXAMPLES: dict[str, Example] = {
    "recruitment:intake-detail": Example(lambda w: {"pk": w.intake.pk}),
    "recruitment:application-detail": Example(lambda w: {"pk": w.application.pk}),
    "recruitment:application-move": Example(lambda w: {"pk": w.application.pk}),
    "recruitment:application-appointment": Example(lambda w: {"pk": w.application.pk}),
    "recruitment:application-note": Example(lambda w: {"pk": w.application.pk}),
    "recruitment:application-enrol": Example(lambda w: {"pk": w.application.pk}),
    "recruitment:interest-form": Example(
        lambda w: {"organisation": w.organisation.slug, "intake": w.intake.pk}
    ),
    "recruitment:applicant-home": Example(lambda w: {"token": w.application.access_token}),
}
