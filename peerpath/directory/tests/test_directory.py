from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from conftest import World
from peerpath.core.roles import Role
from peerpath.directory.models import Service
from peerpath.tests.pages import text

pytestmark = pytest.mark.django_db


def entry(world: World, name: str, **overrides: Any) -> Service:
    data = {
        "organisation": world.organisation,
        "name": name,
        "kind": "group",
        "remit": "A weekly walking group",
        "who_for": "Adults in Riverside",
        "how_to_access": "Drop in on Tuesdays",
        "localities": "Riverside, Northfield",
        "needs": "loneliness, physical activity",
        "last_checked_on": timezone.localdate(),
    }
    data.update(overrides)
    return Service.objects.create(**data)


def form_data(**overrides: str) -> dict[str, str]:
    data = {
        "name": "Hearing Voices Group",
        "kind": "group",
        "remit": "Peer-led group",
        "who_for": "People who hear voices",
        "how_to_access": "Self-referral by phone",
        "localities": "Riverside",
        "needs": "voices, peer support",
        "last_checked_on": timezone.localdate().isoformat(),
        "version": "",
    }
    data.update(overrides)
    return data


def test_psws_add_entries_and_mistakes_are_explained(world: World, client_for: Any) -> None:
    client = client_for(Role.PSW)
    bad = client.post(
        "/directory/new/",
        form_data(name="", email="nope", website="nope", last_checked_on="2999-01-01"),
    )
    page = text(bad)
    assert bad.status_code == 400
    for message in (
        "Enter the name of the service.",
        "Enter an email address in the correct format",
        "Enter a full web address",
        "The date the details were last checked must be today or in the past",
    ):
        assert message in page
    assert Service.objects.count() == 0
    assert client.post("/directory/new/", form_data()).status_code == 302
    assert Service.objects.get().organisation == world.organisation


def test_staff_search_by_words_need_and_area(world: World, client_for: Any) -> None:
    entry(world, "Riverside Walkers")
    entry(
        world,
        "Money Advice",
        kind="non_statutory",
        remit="Debt advice",
        needs="money, debt",
        localities="Northfield",
    )
    client = client_for(Role.SUPERVISOR)
    assert "Riverside Walkers" in text(client.get("/directory/", {"q": "walking"}))
    by_need = text(client.get("/directory/", {"need": "debt"}))
    assert "Money Advice" in by_need and "Riverside Walkers" not in by_need
    by_area = text(client.get("/directory/", {"locality": "northfield"}))
    assert "Money Advice" in by_area and "Riverside Walkers" in by_area


def test_entries_not_checked_for_six_months_are_flagged(world: World, client_for: Any) -> None:
    old = entry(world, "Old Entry", last_checked_on=timezone.localdate() - timedelta(days=200))
    entry(world, "Fresh Entry")
    client = client_for(Role.PSW)
    listing = text(client.get("/directory/"))
    assert listing.count("Not checked for 6 months") == 1
    assert "Check before you signpost" in text(client.get(f"/directory/{old.pk}/"))
    client.post(f"/directory/{old.pk}/checked/")
    old.refresh_from_db()
    assert old.last_checked_on == timezone.localdate()


def test_two_editors_do_not_overwrite_each_other(world: World, client_for: Any) -> None:
    service = entry(world, "Riverside Walkers")
    client = client_for(Role.PSW)
    data = form_data(name="First edit", version=str(service.version))
    assert client.post(f"/directory/{service.pk}/edit/", data).status_code == 302
    stale = client.post(f"/directory/{service.pk}/edit/", form_data(name="Second", version="1"))
    assert "Someone else saved this entry" in text(stale)
    service.refresh_from_db()
    assert service.name == "First edit"


def test_only_admins_and_psws_edit_and_other_organisations_see_nothing(
    world: World, client_for: Any
) -> None:
    service = entry(world, "Riverside Walkers")
    assert client_for(Role.SUPERVISOR).get(f"/directory/{service.pk}/edit/").status_code == 403
    assert client_for(Role.TRAINEE).get("/directory/").status_code == 403
    outsider = client_for("outsider")
    assert outsider.get(f"/directory/{service.pk}/").status_code == 404
    assert "Riverside Walkers" not in text(outsider.get("/directory/"))


@pytest.mark.parametrize("entries", [2, 20])
def test_directory_query_count_is_flat(
    world: World, client_for: Any, django_assert_num_queries: Any, entries: int
) -> None:
    for n in range(entries):
        entry(world, f"Service {n:02d}")
    client = client_for(Role.PSW)
    client.get("/directory/")
    with django_assert_num_queries(5):
        assert client.get("/directory/").status_code == 200
