"""The home page: one section for each role the user holds, in Role order (ADR-011).

A section that reads only its own app and lower ones is built by that app
(`organisations/home.py`, `training/home.py`, `recruitment/home.py`); the peer support
roles' sections bring caseload, recovery, contacts and governance together and are built
here (sections.py).
"""

from peerpath.core.home import HomeBuilder, HomeSection
from peerpath.core.http import OrgRequest
from peerpath.core.roles import Role
from peerpath.organisations import home as organisations
from peerpath.recruitment import home as recruitment
from peerpath.training import home as training

from . import sections

SECTION_BUILDERS: dict[Role, HomeBuilder] = {
    Role.ORG_ADMIN: organisations.admin_section,
    Role.COORDINATOR: recruitment.coordinator_section,
    Role.TRAINER: training.trainer_section,
    Role.SUPERVISOR: sections.supervisor_section,
    Role.SAFEGUARDING_LEAD: sections.safeguarding_section,
    Role.PSW: sections.psw_section,
    Role.TRAINEE: training.trainee_section,
    Role.PERSON: sections.person_section,
    Role.CARER: sections.carer_section,
}


def home_sections(request: OrgRequest) -> list[HomeSection]:
    """One section per role the user holds in their current organisation, in Role order."""
    roles = request.roles
    return [SECTION_BUILDERS[role](request) for role in Role if role in roles]
