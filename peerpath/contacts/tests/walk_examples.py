"""URL arguments for this app's routes in the URL-by-role walk (peerpath/tests/test_url_access.py).

Objects come from the caseload world (peerpath/caseload/tests/world.py). Person-scoped
routes (`people/<int:person>/...`) are also walked by the caseload-scoping test.
"""

from peerpath.tests.access_walk import Example


def _person(w):
    return {"person": w.person.pk}


EXAMPLES: dict[str, Example] = {
    "contacts:note-list": Example(_person),
    "contacts:note-create": Example(_person),
    "contacts:note-detail": Example(lambda w: {"person": w.person.pk, "pk": w.note.pk}),
    # A draft: its author may edit and sign it; others are told who can.
    "contacts:note-edit": Example(lambda w: {"person": w.person.pk, "pk": w.draft_note.pk}),
    "contacts:note-sign": Example(lambda w: {"person": w.person.pk, "pk": w.draft_note.pk}),
    "contacts:note-amend": Example(lambda w: {"person": w.person.pk, "pk": w.note.pk}),
    "contacts:appointment-list": Example(_person),
    "contacts:appointment-create": Example(_person),
    "contacts:appointment-detail": Example(
        lambda w: {"person": w.person.pk, "pk": w.appointment.pk}
    ),
    "contacts:appointment-how-it-went": Example(
        lambda w: {"person": w.person.pk, "pk": w.appointment.pk}
    ),
    "contacts:appointment-cancel": Example(
        lambda w: {"person": w.person.pk, "pk": w.appointment.pk}
    ),
    "contacts:signpost-list": Example(_person),
    "contacts:signpost-create": Example(_person),
    "contacts:signpost-detail": Example(lambda w: {"person": w.person.pk, "pk": w.signpost.pk}),
    "contacts:signpost-outcome": Example(lambda w: {"person": w.person.pk, "pk": w.signpost.pk}),
}
