"""Signing in, shared by the tests (not a test module, so tests may import it)."""

import time
from typing import Any

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.test import Client

from peerpath.accounts.tests.factories import TEST_PASSWORD, TEST_TOTP_SECRET


def current_code(secret: str = TEST_TOTP_SECRET) -> str:
    """The authenticator code of this moment for the secret (the test personas' by default)."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))


def log_in(client: Client, email: str, password: str = TEST_PASSWORD) -> Any:
    return client.post("/accounts/login/", {"login": email, "password": password})


def add_a_passkey(user: Any, name: str = "My phone", rp_id: str = "testserver") -> Any:
    """Give `user` a passkey as if they had added one on a phone (its key pair made here;
    a browser journey adds a real one: tests/system/test_person_passkey.py), with the
    recovery codes allauth makes with a first passkey. For pages that list, rename or
    remove passkeys or ask for one; it cannot sign in (no device holds its private key)."""
    import hashlib
    import os

    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.webauthn.internal.auth import WebAuthn
    from cryptography.hazmat.primitives.asymmetric import ec
    from fido2.cose import ES256
    from fido2.webauthn import (
        Aaguid,
        AttestationObject,
        AttestedCredentialData,
        AuthenticationExtensionsClientOutputs,
        AuthenticatorAttestationResponse,
        AuthenticatorData,
        CollectedClientData,
        RegistrationResponse,
    )

    credential_id = os.urandom(32)
    public_key = ES256.from_cryptography_key(ec.generate_private_key(ec.SECP256R1()).public_key())
    flags = AuthenticatorData.FLAG.UP | AuthenticatorData.FLAG.UV | AuthenticatorData.FLAG.AT
    auth_data = AuthenticatorData.create(
        hashlib.sha256(rp_id.encode()).digest(),
        flags,
        0,
        AttestedCredentialData.create(Aaguid.NONE, credential_id, public_key),
    )
    registration = RegistrationResponse(
        raw_id=credential_id,
        response=AuthenticatorAttestationResponse(
            client_data=CollectedClientData.create(
                type="webauthn.create", challenge=os.urandom(32), origin=f"https://{rp_id}"
            ),
            attestation_object=AttestationObject.create("none", auth_data, {}),
        ),
        client_extension_results=AuthenticationExtensionsClientOutputs({"credProps": {"rk": True}}),
    )
    passkey = WebAuthn.add(user, name, dict(registration)).instance
    RecoveryCodes.activate(user)
    return passkey
