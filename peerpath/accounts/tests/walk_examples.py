"""URL arguments for this app's routes in the URL-by-role walk (peerpath/tests/test_url_access.py,
rules in peerpath/tests/access_walk.py).

Objects come from the walk's world (`walk_world` in peerpath/tests/test_url_access.py).
An argument names an object of the home organisation, so the outsider must get 404,
unless the Example says why not.
"""

from peerpath.tests.access_walk import Example

OWN_PASSKEY = "a passkey of the signed-in user's own account, not of an organisation"

EXAMPLES: dict[str, Example] = {
    # allauth's signed links: public pages; the key says which account.
    "account_reset_password_from_key": Example(lambda w: {"uidb36": "1", "key": "bad-key"}),
    "account_confirm_email": Example(lambda w: {"key": "bad-key"}),
    # consent lane (issue 13): allauth's pages for one of the signed-in user's own
    # passkeys; allauth looks the key up among the user's own (another's is a 404). The
    # walk's world has no passkey (adding one needs a browser's authenticator).
    "mfa_remove_webauthn": Example(lambda w: {"pk": 1}, OWN_PASSKEY),
    "mfa_edit_webauthn": Example(lambda w: {"pk": 1}, OWN_PASSKEY),
}
