"""Small things an organisation admin meets: the audit table names the page a refusal was
for, the refusal page does not send an admin to themselves, and the header shows the NHS
identity only for NHS organisations."""

import re
from typing import Any

import pytest
from django.test import Client

from conftest import World
from peerpath.core.roles import Role
from peerpath.organisations.models import OrganisationKind
from peerpath.tests.pages import text

pytestmark = pytest.mark.django_db

NHS_LOGO = 'class="nhsuk-header__logo"'


def audit_rows(page: str) -> list[str]:
    body = page.split('<tbody class="nhsuk-table__body">', 1)[1].split("</tbody>", 1)[0]
    return [re.sub(r"\s+", " ", row) for row in body.split('<tr class="nhsuk-table__row">')[1:]]


def test_a_denied_row_in_the_audit_log_names_the_page(world: World, client_for: Any) -> None:
    assert client_for(Role.PSW).get("/manage/people/").status_code == 403
    page = text(client_for(Role.ORG_ADMIN).get("/manage/audit/", {"outcome": "denied"}))
    [row] = audit_rows(page)
    assert "Page /manage/people/" in row
    assert "needs roles: Organisation admin" in row
    assert world.user(Role.PSW).email in row


def test_audit_rows_show_what_they_are_about(world: World, client_for: Any) -> None:
    client_for(Role.ORG_ADMIN).post("/manage/teams/", {"name": "Crisis team"})
    page = text(client_for(Role.ORG_ADMIN).get("/manage/audit/", {"action": "create"}))
    [row] = audit_rows(page)
    assert "Crisis team" in row


def test_an_admin_refused_a_page_is_not_told_to_ask_their_organisation_admin(
    world: World, client_for: Any
) -> None:
    response = client_for(Role.ORG_ADMIN).get("/caseload/")
    assert response.status_code == 403
    page = text(response)
    assert "ask your organisation admin" not in page
    assert "This page is for: Peer supervisor, Peer support worker." in page
    assert "As an organisation admin, you can give people roles" in page
    assert 'href="/manage/people/"' in page


def test_others_refused_a_page_are_told_whom_to_ask(world: World, client_for: Any) -> None:
    page = text(client_for(Role.PSW).get("/manage/people/"))
    assert "This page is for: Organisation admin." in page
    assert "ask your organisation admin" in page
    assert 'href="/manage/people/"' not in page


def test_the_header_shows_the_nhs_identity_for_an_nhs_trust(world: World, client_for: Any) -> None:
    page = text(client_for(Role.PSW).get("/"))
    assert NHS_LOGO in page
    assert '<span class="nhsuk-header__organisation-name">Riverside NHS Foundation Trust' in page


@pytest.mark.parametrize("kind", [OrganisationKind.RECOVERY_COLLEGE, OrganisationKind.CHARITY])
def test_the_header_is_plain_peerpath_for_organisations_that_are_not_nhs_bodies(
    world: World, client_for: Any, kind: str
) -> None:
    world.other_organisation.kind = kind
    world.other_organisation.save(update_fields=["kind"])
    page = text(client_for("outsider").get("/"))
    header = page.split("<header", 1)[1].split("</header>", 1)[0]
    assert NHS_LOGO not in header
    assert ">NHS<" not in header
    assert 'alt="PeerPath"' in header
    assert "Eastfield Recovery College" in header


def test_pages_before_log_in_show_plain_peerpath(client: Client) -> None:
    header = text(client.get("/accounts/login/")).split("<header", 1)[1].split("</header>", 1)[0]
    assert NHS_LOGO not in header
    assert 'alt="PeerPath"' in header
