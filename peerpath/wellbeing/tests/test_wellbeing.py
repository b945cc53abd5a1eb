"""The worker's own wellbeing plan and check-ins: versions, sharing, pages, home, queries."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from conftest import World
from peerpath.core.models import AuditEvent
from peerpath.core.roles import Role
from peerpath.core.versioning import EditConflict
from peerpath.tests.pages import text
from peerpath.wellbeing import services
from peerpath.wellbeing.models import CheckIn, WellbeingPlanVersion
from peerpath.wellbeing.selectors import SharedPart, shared_with_supervisor

pytestmark = pytest.mark.django_db

PLAN = {
    "keeps_me_well": "A walk at lunchtime.",
    "early_signs": "I stop replying to messages.",
    "helps_at_work": "A debrief after a hard visit.",
    "adjustments": "Start at ten on Mondays.",
}


def save(
    world: World, *, shared: list[str] | None = None, expected: int = 0, **changes: str
) -> Any:
    return services.plan_save(
        organisation=world.organisation,
        content={**PLAN, **changes},
        shared=shared or [],
        expected_version=expected,
        by=world.user(Role.PSW),
    )


def test_each_save_adds_a_version_and_keeps_the_earlier_ones(world: World) -> None:
    first = save(world)
    second = save(world, expected=1, keeps_me_well="Swimming on Saturdays.")
    assert (first.number, second.number) == (1, 2)
    versions = WellbeingPlanVersion.objects.order_by("number")
    assert [v.content["keeps_me_well"] for v in versions] == [
        "A walk at lunchtime.",
        "Swimming on Saturdays.",
    ]
    assert second.plan.current_version == 2


def test_a_save_from_an_older_version_is_refused_and_writes_nothing(world: World) -> None:
    save(world)
    save(world, expected=1, keeps_me_well="Second window.")
    with pytest.raises(EditConflict) as refused:
        save(world, expected=1, keeps_me_well="First window, saved late.")
    assert refused.value.latest == 2
    assert WellbeingPlanVersion.objects.count() == 2


def test_sharing_is_off_by_default_and_only_the_chosen_parts_are_shared(world: World) -> None:
    psw = world.user(Role.PSW)
    save(world)
    assert shared_with_supervisor(world.organisation, psw.pk) == []
    save(world, expected=1, shared=["helps_at_work", "adjustments"], adjustments="  ")
    # An empty part is never shared, even when ticked.
    assert shared_with_supervisor(world.organisation, psw.pk) == [
        SharedPart("What helps me at work", "A debrief after a hard visit.")
    ]


def test_only_the_current_version_is_shared(world: World) -> None:
    psw = world.user(Role.PSW)
    save(world, shared=["early_signs"])
    save(world, expected=1, shared=[])
    assert shared_with_supervisor(world.organisation, psw.pk) == []


def test_shared_check_ins_follow_the_plan_newest_first(
    world: World, django_assert_num_queries: Any
) -> None:
    psw = world.user(Role.PSW)
    save(world, shared=["keeps_me_well"])
    today = timezone.localdate()
    for days, shared in ((10, True), (5, False), (2, True)):
        services.check_in_add(
            organisation=world.organisation,
            data={
                "on": today - timedelta(days=days),
                "how_i_am": f"Day {days}",
                "what_would_help": "Time to talk" if days == 2 else "",
                "shared": shared,
            },
            by=psw,
        )
    with django_assert_num_queries(2):
        parts = shared_with_supervisor(world.organisation, psw.pk)
    assert [p.text for p in parts] == [
        "A walk at lunchtime.",
        "How I am: Day 2\nWhat would help: Time to talk",
        "How I am: Day 10",
    ]
    assert parts[1].heading == f"Check-in, {today - timedelta(days=2):%-d %B %Y}"
    # Another organisation's worker with the same id sees nothing of it.
    assert shared_with_supervisor(world.other_organisation, psw.pk) == []


def test_a_plan_with_nothing_written_is_refused(world: World, client_for: Any) -> None:
    response = client_for(Role.PSW).post("/wellbeing/plan/", {"based_on": "0"})
    assert response.status_code == 400
    assert "Write something in at least one part of your plan." in text(response)
    assert WellbeingPlanVersion.objects.count() == 0


def test_audit_rows_never_carry_the_words(world: World, client_for: Any) -> None:
    psw = client_for(Role.PSW)
    psw.post(
        "/wellbeing/plan/",
        {"based_on": "0", **PLAN, "share_helps_at_work": "on"},
    )
    psw.post(
        "/wellbeing/check-ins/new/",
        {"on": "2026-12-01", "how_i_am": "Tired but OK."},
    )
    rows = list(AuditEvent.objects.filter(object_type__startswith="wellbeing."))
    assert len(rows) == 2
    words = [*PLAN.values(), "Tired but OK."]
    for row in rows:
        for field in ("object_label", "reason", "path"):
            assert not any(w in getattr(row, field) for w in words)


def test_the_worker_writes_and_shares_through_the_pages(world: World, client_for: Any) -> None:
    psw = client_for(Role.PSW)
    page = text(psw.get("/wellbeing/"))
    assert "You have not written a wellbeing plan yet." in page
    assert "UNIT 4.1: Ability to monitor and respond to the need for self-care" in page
    form = text(psw.get("/wellbeing/plan/"))
    assert form.count("Share this part with my supervisor") == 4
    assert 'name="share_keeps_me_well"' in form and "checked" not in form
    response = psw.post("/wellbeing/plan/", {"based_on": "0", **PLAN, "share_early_signs": "on"})
    assert response.status_code == 302
    page = text(psw.get("/wellbeing/"))
    assert "Version 1" in page and "I stop replying to messages." in page
    assert page.count("Shared with your supervisor") == 1
    # The edit form starts from what is saved, sharing included.
    again = psw.post("/wellbeing/plan/", {"based_on": "1", **PLAN, "adjustments": "None now."})
    assert again.status_code == 302
    history = text(psw.get("/wellbeing/plan/versions/"))
    assert "Version 2" in history and "Version 1" in history
    old = text(psw.get("/wellbeing/plan/versions/1/"))
    assert "Start at ten on Mondays." in old and "earlier version" in old
    assert psw.get("/wellbeing/plan/versions/3/").status_code == 404
    # Version 2 shares nothing: sharing is chosen on each save.
    assert shared_with_supervisor(world.organisation, world.user(Role.PSW).pk) == []


def test_a_stale_plan_edit_keeps_the_workers_words(world: World, client_for: Any) -> None:
    save(world)
    save(world, expected=1)
    response = client_for(Role.PSW).post(
        "/wellbeing/plan/", {"based_on": "1", **PLAN, "keeps_me_well": "Words from before."}
    )
    assert response.status_code == 400
    page = text(response)
    assert "Nothing has been overwritten" in page and "Words from before." in page


def test_check_ins_are_added_listed_and_shared_by_choice(world: World, client_for: Any) -> None:
    psw = client_for(Role.PSW)
    response = psw.post(
        "/wellbeing/check-ins/new/",
        {"on": "2026-12-01", "how_i_am": "Busy week."},
    )
    assert response.status_code == 302
    check_in = CheckIn.objects.get()
    assert check_in.shared is False and check_in.worker == world.user(Role.PSW)
    assert "Busy week." in text(psw.get("/wellbeing/check-ins/"))
    psw.post(f"/wellbeing/check-ins/{check_in.pk}/share/", {"shared": "yes"})
    check_in.refresh_from_db()
    assert check_in.shared is True
    psw.post(f"/wellbeing/check-ins/{check_in.pk}/share/", {"shared": "no"})
    check_in.refresh_from_db()
    assert check_in.shared is False


def test_a_check_in_needs_words_and_a_real_date(world: World, client_for: Any) -> None:
    response = client_for(Role.PSW).post(
        "/wellbeing/check-ins/new/", {"on": "2026-02-31", "how_i_am": ""}
    )
    assert response.status_code == 400
    page = text(response)
    assert "Write how you are, in your own words." in page
    assert CheckIn.objects.count() == 0


def test_nobody_else_reaches_a_workers_check_in(world: World, client_for: Any) -> None:
    check_in = services.check_in_add(
        organisation=world.organisation,
        data={"on": date(2026, 12, 1), "how_i_am": "Mine."},
        by=world.user(Role.PSW),
    )
    # A trainee may keep wellbeing pages too, but never reaches another worker's.
    response = client_for(Role.TRAINEE).post(
        f"/wellbeing/check-ins/{check_in.pk}/share/", {"shared": "yes"}
    )
    assert response.status_code == 404
    for role in (Role.SUPERVISOR, Role.COORDINATOR, Role.ORG_ADMIN):
        assert client_for(role).get("/wellbeing/").status_code == 403
    check_in.refresh_from_db()
    assert check_in.shared is False


def test_the_home_section_says_what_the_page_says(world: World, client_for: Any) -> None:
    psw = client_for(Role.PSW)
    assert "You have not written a wellbeing plan yet." in text(psw.get("/"))
    save(world, shared=["helps_at_work"])
    home = text(psw.get("/"))
    assert "Your wellbeing plan is at version 1." in home
    assert "You share 1 part with your supervisor: What helps me at work." in home
    assert 'href="/wellbeing/"' in home
    # Nobody else's home mentions it.
    for role in (Role.SUPERVISOR, Role.COORDINATOR, Role.ORG_ADMIN):
        assert "wellbeing plan" not in text(client_for(role).get("/")).lower()


@pytest.mark.parametrize("rows", [2, 25])
def test_wellbeing_pages_and_home_have_flat_query_counts(
    world: World, client_for: Any, django_assert_num_queries: Any, rows: int
) -> None:
    psw_user = world.user(Role.PSW)
    for n in range(rows):
        save(world, expected=n)
        services.check_in_add(
            organisation=world.organisation,
            data={"on": date(2026, 11, 1), "how_i_am": f"Note {n}"},
            by=psw_user,
        )
    psw = client_for(Role.PSW)
    for url, expected in EXPECTED_QUERIES.items():
        psw.get(url)
        with django_assert_num_queries(expected):
            assert psw.get(url).status_code == 200


# Session, user, memberships and the rest of the request's own, then each page's reads:
# the plan, its current version and the first check-ins; the count and a page of
# check-ins; the plan and its versions.
EXPECTED_QUERIES = {"/wellbeing/": 6, "/wellbeing/check-ins/": 5, "/wellbeing/plan/versions/": 5}
