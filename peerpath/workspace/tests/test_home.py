from typing import Any

import pytest

from conftest import World
from peerpath.core.home import HomeSection
from peerpath.core.roles import Role
from peerpath.workspace import home

pytestmark = pytest.mark.django_db

EMPTY_STATES = {
    Role.COORDINATOR: "No intakes are open for recruitment.",
    Role.TRAINER: "You are not teaching a cohort yet.",
    Role.SUPERVISOR: "Nobody is supported by your teams yet.",
    Role.SAFEGUARDING_LEAD: "No open safeguarding concerns.",
    Role.ON_CALL: "you can open their crisis plan and contact details for 3 hours",
    Role.PSW: "No people on your caseload yet.",
    Role.TRAINEE: "You are not enrolled on a course yet.",
    Role.PERSON: "PeerPath does not hold a record of your peer support yet.",
    Role.CARER: "Nothing has been shared with you yet.",
}


@pytest.mark.parametrize("role", list(EMPTY_STATES))
def test_each_role_sees_its_own_honest_empty_state(
    world: World, client_for: Any, role: Role
) -> None:
    page = client_for(role).get("/").content.decode()
    assert EMPTY_STATES[role] in page
    for other, text in EMPTY_STATES.items():
        if other != role:
            assert text not in page
    assert "/manage/people/" not in page  # admin navigation only for admins


def test_organisation_admin_sees_counts_and_admin_links(world: World, client_for: Any) -> None:
    page = client_for(Role.ORG_ADMIN).get("/").content.decode()
    assert f"{len(Role)} people with roles, in 1 team." in page
    for link in ("/manage/people/", "/manage/people/invite/", "/manage/teams/", "/manage/audit/"):
        assert f'href="{link}"' in page


def test_someone_with_no_organisation_is_told_what_happens_next(client: Any) -> None:
    from conftest import make_user

    user = make_user("lonely@example.org", full_name="No Org", totp=False)
    client.force_login(user)
    page = client.get("/").content.decode()
    assert "You are not a member of any organisation yet." in page


def quiet_section(request: Any) -> HomeSection:
    """A section that reads nothing, to measure what the home page itself costs."""
    return HomeSection(
        role=Role.PERSON, heading="Quiet", template="home/_summary.jinja", data={"summary": "-"}
    )


@pytest.mark.parametrize("extra_roles", [0, 3])
def test_home_page_query_count_is_flat(
    world: World,
    client_for: Any,
    django_assert_num_queries: Any,
    extra_roles: int,
    monkeypatch: Any,
) -> None:
    from peerpath.organisations.models import Membership

    # Each section's own queries are counted by its app's tests (training, caseload): here
    # every section reads nothing, so only the page's own cost is left.
    monkeypatch.setattr(
        home,
        "SECTION_BUILDERS",
        dict.fromkeys(Role, quiet_section),
    )
    # The apps of employment's further sections count their own queries too.
    monkeypatch.setattr(home, "MORE_SECTIONS", ())
    user = world.user(Role.COORDINATOR)
    for role in [Role.TRAINER, Role.TRAINEE, Role.PERSON][:extra_roles]:
        Membership.objects.create(user=user, organisation=world.organisation, role=role)
    client = client_for(Role.COORDINATOR)
    client.get("/")
    # session, user, memberships (a page read does not write the session)
    with django_assert_num_queries(3):
        client.get("/")
