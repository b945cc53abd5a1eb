"""URL arguments for this app's routes in the URL-by-role walk (peerpath/tests/test_url_access.py,
rules in peerpath/tests/access_walk.py).

Objects come from the walk's world (`walk_world` in peerpath/tests/test_url_access.py).
An argument names an object of the home organisation, so the outsider must get 404,
unless the Example says why not.
"""

from peerpath.core.roles import Role
from peerpath.organisations.invitation_tokens import invitation_token
from peerpath.tests.access_walk import Example

EXAMPLES: dict[str, Example] = {
    "organisations:member-detail": Example(lambda w: {"public_id": w.user(Role.PSW).public_id}),
    "organisations:member-remove": Example(lambda w: {"public_id": w.user(Role.PSW).public_id}),
    "organisations:member-reset-two-factor": Example(
        lambda w: {"public_id": w.user(Role.PSW).public_id}
    ),
    "organisations:member-unlock": Example(lambda w: {"public_id": w.user(Role.PSW).public_id}),
    "organisations:team-detail": Example(lambda w: {"pk": w.team.pk}),
    "organisations:invitation-resend": Example(lambda w: {"pk": w.invitation.pk}),
    # From the invitation email: public, and the token says which invitation.
    "organisations:invitation-accept": Example(lambda w: {"token": invitation_token(w.invitation)}),
    "organisations:invitation-renew": Example(lambda w: {"token": invitation_token(w.invitation)}),
}
