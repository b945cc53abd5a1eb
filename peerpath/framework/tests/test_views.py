import csv
import io
import json
import re
from typing import Any

import pytest
from django.test import Client

from conftest import World
from peerpath.core.models import AuditAction, AuditEvent
from peerpath.core.roles import Role
from peerpath.framework.models import Framework
from peerpath.framework.services import framework_import
from peerpath.tests.pages import text

from .conftest import tiny_framework_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [Role.TRAINEE, Role.PSW, Role.TRAINER, Role.SUPERVISOR])
def test_staff_and_trainees_read_the_overview(
    framework: Framework, client_for: Any, role: Role
) -> None:
    response = client_for(role).get("/framework/")
    assert response.status_code == 200
    page = text(response)
    assert "The Competence Framework for Mental Health Peer Support Workers" in page
    for number in range(1, 6):
        assert f"Section {number}:" in page
    assert page.count('href="/framework/units/') == 30
    assert "Supporting people as a peer support worker" in page
    assert "Working with teams and promoting people’s rights" in page
    assert "In the document's outline: “Core relational skills”" in page
    # unit 2.5 has 17 statements
    assert re.search(
        r"Ability to use active listening and communication skills in a peer "
        r"relationship</a>\s*</td>\s*<td [^>]*>17<",
        page,
    )


@pytest.mark.parametrize("role", [Role.PERSON, Role.CARER])
def test_people_supported_and_carers_are_not_shown_the_staff_framework(
    framework: Framework, client_for: Any, role: Role
) -> None:
    assert client_for(role).get("/framework/").status_code == 403


def test_unit_page_shows_groups_and_nested_bullets_as_the_document_does(
    framework: Framework, client_for: Any
) -> None:
    client = client_for(Role.TRAINEE)
    page = text(client.get("/framework/units/1.6/"))
    assert "Unit 1.6: Knowledge of, and ability to work with, issues of confidentiality" in page
    assert "<strong>Aims:</strong> To help peer support workers understand the principles" in page
    positions = [
        page.index(t)
        for t in (
            "1.6.1",
            "Informed consent",
            "1.6.2",
            "1.6.3",
            "Confidentiality and information sharing",
            "1.6.4",
            "Sharing information",
            "1.6.10",
        )
    ]
    assert positions == sorted(positions)
    nested = text(client.get("/framework/units/2.1/"))
    outer = nested.index("what recovery looks like will vary from person to person and that:")
    inner = nested.index("recovery is unique to each person")
    assert outer < inner
    between = nested[outer:inner]
    assert '<ul class="nhsuk-list nhsuk-list--bullet pp-points">' in between  # a nested list


def test_unit_page_keeps_the_outline_wording_where_it_differs(
    framework: Framework, client_for: Any
) -> None:
    page = text(client_for(Role.PSW).get("/framework/units/1.4/"))
    assert "Unit 1.4: Knowledge of local services, and sources of mental health care" in page
    assert "“Knowledge of local services and sources of mental health care”" in page


def test_unknown_unit_is_a_404(framework: Framework, client_for: Any) -> None:
    assert client_for(Role.PSW).get("/framework/units/9.9/").status_code == 404


@pytest.mark.parametrize(
    ("query", "refs"),
    [
        ("advance directive", ["3.5.3"]),
        ("Advance  DIRECTIVE", ["3.5.3"]),
        ("brainstorm", ["3.3.7"]),  # found in a sub-bullet
        ("recovery is unique", ["2.1.3"]),  # a second-level sub-bullet
        ("concurrent record", ["3.8.9", "3.8.11"]),
        ("xyzzy", []),
    ],
)
def test_search_finds_statements_by_their_words_or_bullets(
    framework: Framework, client_for: Any, query: str, refs: list[str]
) -> None:
    page = text(client_for(Role.TRAINEE).get("/framework/search/", {"q": query}))
    found = re.findall(r'pp-statement-ref">([\d.]+)<', page)
    assert found == refs
    if not refs:
        assert "0 statements found" in page and "Check the spelling" in page


def test_statement_reference_addresses_its_place(framework: Framework, client_for: Any) -> None:
    response = client_for(Role.PSW).get("/framework/statements/3.5.3/")
    assert response.status_code == 302
    assert response["Location"] == "/framework/units/3.5/#statement-3.5.3"
    assert client_for(Role.PSW).get("/framework/statements/3.5.99/").status_code == 404


def test_unit_page_offers_each_statements_stable_address_to_cite(
    framework: Framework, client_for: Any, world: World
) -> None:
    page = text(client_for(Role.PSW).get("/framework/units/3.5/"))
    assert 'href="/framework/statements/3.5.3/">Link to statement 3.5.3</a>' in page
    world.organisation.publishes_framework = True
    world.organisation.save()
    slug = world.organisation.slug
    published = text(Client().get(f"/published/{slug}/framework/units/3.5/"))
    assert "Link to statement" not in published  # the stable address is for signed-in staff


def test_printable_view_has_the_whole_curriculum(framework: Framework, client_for: Any) -> None:
    page = text(client_for(Role.TRAINER).get("/framework/print/"))
    assert len(re.findall(r'pp-statement-ref">', page)) == 213
    assert "Overarching aims" in page and "Learning and teaching strategy" in page
    assert "Unit 5.3: Ability to support people’s use of digital interventions" in page


def test_downloads_json_and_csv_and_audits_them(
    framework: Framework, client_for: Any, curriculum: dict[str, Any], world: World
) -> None:
    client = client_for(Role.COORDINATOR)
    response = client.get("/framework/export.json")
    assert response["Content-Disposition"].startswith("attachment;")
    assert json.loads(response.content) == curriculum
    rows = list(csv.DictReader(io.StringIO(client.get("/framework/export.csv").content.decode())))
    assert [r["ref"] for r in rows][:3] == ["1.1.1", "1.1.2", "1.1.3"]
    assert (
        AuditEvent.objects.filter(
            action=AuditAction.EXPORT, actor_id=world.user(Role.COORDINATOR).pk
        ).count()
        == 2
    )


def test_an_earlier_version_stays_readable(
    framework: Framework, client_for: Any, curriculum: dict[str, Any]
) -> None:
    curriculum["version"] = 2
    curriculum["sections"][2]["units"][4]["statements"][2]["text"] = "Ability to co-write plans"
    framework_import(curriculum)
    client = client_for(Role.PSW)
    current = text(client.get("/framework/units/3.5/"))
    assert "Ability to co-write plans" in current
    old = text(client.get("/framework/units/3.5/", {"version": 1}))
    assert "Ability to help people develop an advance directive" in old
    assert "An earlier version" in old
    overview = text(client.get("/framework/"))
    assert "Version 1" in overview and "Version 2 (you are reading it) – current" in overview


def test_a_publishing_organisations_framework_is_readable_without_signing_in(
    framework: Framework, world: World
) -> None:
    anonymous = Client()
    slug = world.organisation.slug
    assert anonymous.get(f"/published/{slug}/framework/").status_code == 404
    world.organisation.publishes_framework = True
    world.organisation.save()
    overview = anonymous.get(f"/published/{slug}/framework/")
    assert overview.status_code == 200
    page = text(overview)
    assert f'href="/published/{slug}/framework/units/3.5/"' in page
    assert "/framework/export.json" not in page  # downloads are for signed-in staff
    assert anonymous.get(f"/published/{slug}/framework/units/3.5/").status_code == 200
    search = text(anonymous.get(f"/published/{slug}/framework/search/", {"q": "advance"}))
    assert f"/published/{slug}/framework/units/3.5/#statement-3.5.3" in search
    assert anonymous.get(f"/published/{slug}/framework/print/").status_code == 200
    other = world.other_organisation.slug
    assert anonymous.get(f"/published/{other}/framework/").status_code == 404


def test_organisation_admin_chooses_whether_to_publish(world: World, client_for: Any) -> None:
    client = client_for(Role.ORG_ADMIN)
    response = client.post(
        "/manage/organisation/",
        {
            "publishes_framework": "yes",
            "retention_years_after_care": 20,
            "retention_years_after_death": 10,
            "version": world.organisation.version,
        },
    )
    assert response.status_code == 302
    world.organisation.refresh_from_db()
    assert world.organisation.publishes_framework
    assert AuditEvent.objects.filter(reason__startswith="framework published;").exists()
    missing = client.post("/manage/organisation/", {})
    assert "Choose whether to publish the framework." in text(missing)


def _query_count(client: Any, url: str, django_assert_num_queries: Any, expected: int) -> None:
    client.get(url)
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("which", ["tiny", "full"])
def test_overview_and_unit_query_counts_do_not_grow_with_statements(
    db: Any,
    world: World,
    client_for: Any,
    django_assert_num_queries: Any,
    which: str,
    curriculum: dict[str, Any],
) -> None:
    framework_import(tiny_framework_data() if which == "tiny" else curriculum)
    client = client_for(Role.TRAINEE)
    # session, user, memberships, framework, sections, units with counts, versions
    _query_count(client, "/framework/", django_assert_num_queries, 7)
    # ... framework, unit, the unit before, the unit after, statements with groups
    _query_count(client, "/framework/units/1.1/", django_assert_num_queries, 8)
