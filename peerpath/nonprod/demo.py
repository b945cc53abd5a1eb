"""The demo organisations and log-ins, shared by `seed_demo_data`, the README and the tests."""

from dataclasses import dataclass

from peerpath.core.roles import STAFF_ROLES, Role

DEMO_PASSWORD = "peerpath-demo-2026"  # noqa: S105 - a published demo password, never production
# One authenticator secret for every demo staff account, so one app entry covers them all.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105 - published demo secret

DEMO_ORGANISATION = "Riverside NHS Foundation Trust"
DEMO_OUTSIDE_ORGANISATION = "Eastfield Recovery College"
DEMO_TEAMS = ("Community Peer Support Team", "Recovery College Team")


@dataclass(frozen=True)
class DemoUser:
    email: str
    full_name: str
    role: Role
    team: str | None
    organisation: str = DEMO_ORGANISATION

    @property
    def is_staff_role(self) -> bool:
        return self.role in STAFF_ROLES


DEMO_USERS = (
    DemoUser("admin@peerpath.example", "Adele Okafor", Role.ORG_ADMIN, None),
    DemoUser("coordinator@peerpath.example", "Chris Mensah", Role.COORDINATOR, DEMO_TEAMS[1]),
    DemoUser("trainer@peerpath.example", "Tara Lewis", Role.TRAINER, DEMO_TEAMS[1]),
    DemoUser("supervisor@peerpath.example", "Sam Patel", Role.SUPERVISOR, DEMO_TEAMS[0]),
    DemoUser(
        "safeguarding@peerpath.example", "Grace Whitfield", Role.SAFEGUARDING_LEAD, DEMO_TEAMS[0]
    ),
    DemoUser("psw@peerpath.example", "Jordan Reid", Role.PSW, DEMO_TEAMS[0]),
    DemoUser("oncall@peerpath.example", "Nia Evans", Role.ON_CALL, None),
    DemoUser("trainee@peerpath.example", "Priya Shah", Role.TRAINEE, DEMO_TEAMS[1]),
    DemoUser("person@peerpath.example", "Alex Morgan", Role.PERSON, None),
    DemoUser("carer@peerpath.example", "Robin Morgan", Role.CARER, None),
    DemoUser(
        "outside-admin@peerpath.example",
        "Olu Bankole",
        Role.ORG_ADMIN,
        None,
        organisation=DEMO_OUTSIDE_ORGANISATION,
    ),
)
