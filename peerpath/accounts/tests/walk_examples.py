"""URL arguments for this app's routes in the URL-by-role walk (peerpath/tests/test_url_access.py,
rules in peerpath/tests/access_walk.py).

Objects come from the walk's world (`walk_world` in peerpath/tests/test_url_access.py).
An argument names an object of the home organisation, so the outsider must get 404,
unless the Example says why not.
"""

from peerpath.tests.access_walk import Example

EXAMPLES: dict[str, Example] = {
    # allauth's signed links: public pages; the key says which account.
    "account_reset_password_from_key": Example(lambda w: {"uidb36": "1", "key": "bad-key"}),
    "account_confirm_email": Example(lambda w: {"key": "bad-key"}),
}
