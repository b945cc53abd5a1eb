"""Every page a role may use can be reached from its home page, by following links.

For each demo log-in, the crawl (reachability.py) starts at the home page over the demo
data and follows only links and form actions. Every route the access policy grants that
role must be reached, except the few listed below, each with the reason a person arrives
there another way. A new view that no link reaches fails this test; so does an exception
that has become reachable (the list stays honest), a link to a page that does not exist
and any server error on the way.
"""

from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from peerpath.accounts.models import User
from peerpath.accounts.tests.helpers import add_a_passkey
from peerpath.core.roles import Role
from peerpath.nonprod.demo import DEMO_USERS

from .reachability import crawl, granted_routes

pytestmark = pytest.mark.django_db

# Pages a person reaches other than by a link inside PeerPath.
EVERYONE = {
    # Only for an account with no password, which an accepted invitation never leaves.
    "account_set_password": "accounts without a password only",
    # Switching organisation is offered only to people with more than one.
    "organisations:organisation-switch": "people in more than one organisation",
}
STAFF = {
    # Staff set up their authenticator at first log-in (test_onboarding.py walks it).
    "mfa_activate_totp": "set up once, at first log-in",
    # Staff cannot switch two-factor off (accounts/adapter.py); the page says so if typed.
    "mfa_deactivate_totp": "staff keep two-factor authentication on",
    # Linked from "Your recovery codes", which first asks for the password again: the
    # crawl reads pages, it does not type passwords.
    "mfa_download_recovery_codes": "behind a fresh password check",
    "mfa_generate_recovery_codes": "behind a fresh password check",
}
# Trainees, people supported and carers may add an authenticator app if they choose; these
# pages exist only once they have (the demo's have not).
OPTIONAL_TWO_FACTOR = {
    # Asked for before a sensitive change, by code only for those who have an authenticator.
    "mfa_reauthenticate": "only once they have chosen to add an authenticator app",
    "mfa_deactivate_totp": "only once they have chosen to add an authenticator app",
    "mfa_view_recovery_codes": "only once they have chosen to add an authenticator app",
    "mfa_download_recovery_codes": "only once they have chosen to add an authenticator app",
    "mfa_generate_recovery_codes": "only once they have chosen to add an authenticator app",
}
EXCEPTIONS: dict[Role, dict[str, str]] = {role: dict(EVERYONE) for role in Role}
for role in (
    Role.ORG_ADMIN,
    Role.COORDINATOR,
    Role.TRAINER,
    Role.SUPERVISOR,
    Role.SAFEGUARDING_LEAD,
    Role.PSW,
):
    EXCEPTIONS[role].update(STAFF)
for role in (Role.TRAINEE, Role.PERSON, Role.CARER):
    EXCEPTIONS[role].update(OPTIONAL_TWO_FACTOR)
# The Unlock button shows only while an account is locked after repeated wrong passwords
# (for PEERPATH_LOCKOUT_MINUTES); no demo account is locked.
EXCEPTIONS[Role.ORG_ADMIN]["organisations:member-unlock"] = "only while an account is locked"
# Supervision: the demo's agreement is agreed by both, and its sessions are signed by both
# or not yet held (test_supervision_journey.py agrees nothing but signs a recorded session).
for role in (Role.SUPERVISOR, Role.PSW):
    EXCEPTIONS[role]["supervision:agreement-agree"] = "offered until both have agreed it"
    EXCEPTIONS[role]["supervision:session-sign"] = "offered once recorded, until signed"
EXCEPTIONS[Role.TRAINEE].update(
    {
        # The demo trainee is still training; the demo PSW, a graduate, reaches theirs.
        "training:certificate": "until they graduate",
        # The recovery story lesson belongs to the eleven-session course, not the demo
        # trainee's PEP; "My training" offers it only on programmes that include it.
        "training:story": "only on programmes with the recovery story lesson",
        "training:story-autosave": "only on programmes with the recovery story lesson",
        "training:story-submit": "only on programmes with the recovery story lesson",
        # Applying from an account is for graduates (test_workforce_journey.py walks it).
        "workforce:graduate-apply": "until they graduate",
        # Graduates not yet employed may be invited to forums; the demo trainee is training.
        "forums:list": "once invited to a forum, as a graduate not yet employed",
        "forums:detail": "once invited to a forum, as a graduate not yet employed",
    }
)
# Appointment is offered once an applicant accepts an offer; the demo's applicants are at
# earlier stages (test_workforce_journey.py appoints one).
EXCEPTIONS[Role.COORDINATOR]["workforce:application-appoint"] = "once an offer is accepted"

# The demo's one development plan (an area of significant concern) is resolved and closed:
# an open plan is not seeded, so its review and close pages are not offered.
for role in (Role.SUPERVISOR, Role.COORDINATOR):
    EXCEPTIONS[role].update(
        {
            "observation:plan-review": "only while a development plan is open",
            "observation:plan-close": "only while a development plan is open",
        }
    )
# The demo trainer's one observation (of the demo trainee) is still a draft, waiting for
# the trainee's reflection; an addendum is added only once an observation is final.
for role in (Role.TRAINER, Role.TRAINEE):
    EXCEPTIONS[role]["observation:observation-addendum"] = "once an observation is final"

# contacts (issue 13): a request to change or cancel an appointment is answered once the
# person asks; the demo's Alex has not asked yet (test_person_notes_and_appointments.py
# asks and Jordan answers).
for role in (Role.SUPERVISOR, Role.PSW):
    EXCEPTIONS[role]["contacts:appointment-request-answer"] = "once the person asks"
# recovery lane: the demo's one suggested change was accepted; "Withdraw" is offered only
# while a suggestion waits (test_my_record.py posts it).
EXCEPTIONS[Role.PERSON]["recovery:my-proposal-withdraw"] = "only while a suggestion waits"
# oversight: urgent access. On-call staff are staff. The grant form opens from an exact
# search (a POST the crawl does not send); the demo's grants have ended, so what a grant in
# force opens is not offered (test_urgent_access_and_who_has_seen.py walks them).
EXCEPTIONS[Role.ON_CALL].update(STAFF)
for role in (Role.ON_CALL, Role.SUPERVISOR, Role.SAFEGUARDING_LEAD):
    EXCEPTIONS[role].update(
        {
            "oversight:urgent-new": "from an exact search's match, sent by POST",
            "oversight:urgent-detail": "only while a grant is in force",
            "oversight:urgent-pdf": "only while a grant is in force",
            "oversight:urgent-end": "only while a grant is in force",
        }
    )
# rights: the demo's one request for a copy (Alex's) waits for the reviewer's decisions,
# and nobody's record is past its retention period.
for role in (Role.ORG_ADMIN, Role.SAFEGUARDING_LEAD):
    EXCEPTIONS[role].update(
        {
            "rights:release": "once every flagged record of a copy has a decision",
            "rights:review-download": "once a copy is released",
        }
    )
EXCEPTIONS[Role.ORG_ADMIN].update(
    {
        "rights:retention-review": "once a record is past its retention period",
        "rights:retention-confirm": "once another admin decided to destroy a record",
    }
)
EXCEPTIONS[Role.PERSON]["rights:my-copy-download"] = "once their copy is released"

# consent lane (issue 13): the passkey pages are linked from Account security once someone
# has added a passkey. The crawl gives the demo person supported one, with the recovery
# codes that come with it (`add_a_passkey`, accounts/tests/helpers.py), as Alex adds one in
# a browser in test_person_passkey.py. Nobody else in the demo has one (a passkey needs a
# device's authenticator).
PASSKEY_PAGES = (
    "mfa_list_webauthn",
    "mfa_edit_webauthn",
    "mfa_remove_webauthn",
    "mfa_reauthenticate_webauthn",
)
# Their recovery codes, and "Use a recovery code" when asked to confirm it is them, come
# with that first passkey.
for name in ("mfa_reauthenticate", "mfa_view_recovery_codes"):
    del EXCEPTIONS[Role.PERSON][name]
for role in Role:
    if role != Role.PERSON:
        EXCEPTIONS[role].update({name: "once they have added a passkey" for name in PASSKEY_PAGES})

DEMO = [d for d in DEMO_USERS if d.organisation == DEMO_USERS[0].organisation]


@pytest.fixture(scope="module")
def demo_data(django_db_setup: Any, django_db_blocker: Any) -> Any:
    with django_db_blocker.unblock():
        call_command("seed_demo_data", verbosity=0)
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.mark.parametrize("demo", DEMO, ids=[d.role.value for d in DEMO])
def test_every_page_a_role_may_use_is_reached_by_links(demo_data: Any, demo: Any) -> None:
    client = Client()
    user = User.objects.get(email=demo.email)
    if demo.role == Role.PERSON:
        add_a_passkey(user)  # undone with the test's transaction
    client.force_login(user)
    result = crawl(client)
    granted = granted_routes(demo.role)
    exceptions = EXCEPTIONS[demo.role]
    unreached = granted - result.reached - set(exceptions)
    assert not result.problems, "\n".join(result.problems)
    assert not unreached, f"{demo.role.label} cannot reach by links: {sorted(unreached)}"
    stale = set(exceptions) & result.reached & granted
    assert not stale, f"reachable now, so no longer exceptions: {sorted(stale)}"
