"""The home page: one section for each role the user holds, in Role order (ADR-011).

A section that reads only its own app and lower ones is built by that app
(`organisations/home.py`, `training/home.py`, `recruitment/home.py`); the peer support
roles' sections bring caseload, recovery, contacts and governance together and are built
here (sections.py).
"""

from peerpath.contacts import home as contacts
from peerpath.core.home import HomeBuilder, HomeSection, MoreBuilder
from peerpath.core.http import OrgRequest
from peerpath.core.roles import Role
from peerpath.forums import home as forums
from peerpath.governance import home as governance
from peerpath.learning import home as learning
from peerpath.observation import home as observation
from peerpath.organisations import home as organisations
from peerpath.oversight import home as oversight
from peerpath.recovery import home as recovery
from peerpath.recruitment import home as recruitment
from peerpath.rights import home as rights
from peerpath.supervision import home as supervision
from peerpath.training import home as training
from peerpath.wellbeing import home as wellbeing
from peerpath.workforce import home as workforce

from . import sections

SECTION_BUILDERS: dict[Role, HomeBuilder] = {
    Role.ORG_ADMIN: organisations.admin_section,
    Role.COORDINATOR: recruitment.coordinator_section,
    Role.TRAINER: training.trainer_section,
    Role.SUPERVISOR: sections.supervisor_section,
    Role.SAFEGUARDING_LEAD: sections.safeguarding_section,
    Role.ON_CALL: oversight.on_call_section,
    Role.PSW: sections.psw_section,
    Role.TRAINEE: training.trainee_section,
    Role.PERSON: sections.person_section,
    Role.CARER: sections.carer_section,
}


# The apps of a peer worker's employment add sections of their own after a role's section
# (each app's home.py `SECTIONS`, role -> builder); a builder returns None when it has
# nothing for this user, so a role without that work sees no empty heading.
MORE_SECTIONS: tuple[dict[Role, MoreBuilder], ...] = (
    # What the people a worker supports have asked or said, first
    recovery.SECTIONS,
    contacts.SECTIONS,
    governance.SECTIONS,
    rights.SECTIONS,
    oversight.SECTIONS,
    workforce.SECTIONS,
    learning.SECTIONS,
    supervision.SECTIONS,
    observation.SECTIONS,
    forums.SECTIONS,
    wellbeing.SECTIONS,
)


def home_sections(request: OrgRequest) -> list[HomeSection]:
    """Each role the user holds in their current organisation, in Role order: its own
    section, then the further sections the apps of employment add for it."""
    roles = request.roles
    sections: list[HomeSection] = []
    for role in Role:
        if role not in roles:
            continue
        sections.append(SECTION_BUILDERS[role](request))
        for more in MORE_SECTIONS:
            builder = more.get(role)
            section = builder(request) if builder else None
            if section is not None:
                sections.append(section)
    return sections
