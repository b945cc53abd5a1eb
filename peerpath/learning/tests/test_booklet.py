"""The reflective practice work placement booklet: entries mapped to competence statements,
sent for review, reviewed and signed off, locked once signed (addenda after)."""

from typing import Any

import pytest

from peerpath.core.roles import Role
from peerpath.framework.models import Statement
from peerpath.learning.models import BookletAddendum, BookletEntry, EntryStatus
from peerpath.tests.pages import text

from .helpers import entry

pytestmark = pytest.mark.django_db


def picked(*refs: str) -> list[str]:
    """The ids the statement picker posts for these statements of the current framework."""
    found = dict(
        Statement.objects.filter(framework__is_current=True, ref__in=refs).values_list("ref", "pk")
    )
    return [str(found[ref]) for ref in refs]


def entry_data(**changes: Any) -> dict[str, Any]:
    return {
        "happened_on": "2026-02-02",
        "what_i_did": "Went with someone to a walking group",
        "reflection": "They spoke more once we were walking side by side",
        "what_i_learnt": "Where we meet changes how we talk",
        "statements": picked("2.3.14", "2.5.3"),
        "version": "1",
        **changes,
    }


def test_the_worker_writes_sends_and_their_supervisor_signs_an_entry(
    employed: Any, client_for: Any
) -> None:
    psw = client_for(Role.PSW)
    made = psw.post("/learning/booklet/new/", entry_data())
    assert made.status_code == 302
    written = BookletEntry.objects.get()
    assert sorted(s.ref for s in written.statements.all()) == ["2.3.14", "2.5.3"]
    assert written.status == EntryStatus.DRAFT
    sent = psw.post(f"/learning/booklet/{written.pk}/", {"submit": "1", "version": "1"})
    assert sent.status_code == 302
    written.refresh_from_db()
    assert written.status == EntryStatus.SUBMITTED

    supervisor = client_for(Role.SUPERVISOR)
    queue = text(supervisor.get("/learning/booklet/reviews/"))
    assert employed.user(Role.PSW).display_name in queue
    # Sending back needs comments.
    bare = supervisor.post(
        f"/learning/booklet/{written.pk}/", {"decision": "return", "comments": "", "version": "2"}
    )
    assert bare.status_code == 400
    assert "Write your comments for the worker" in text(bare)
    signed = supervisor.post(
        f"/learning/booklet/{written.pk}/",
        {"decision": "sign", "comments": "Good use of a walking group", "version": "2"},
    )
    assert signed.status_code == 302
    written.refresh_from_db()
    assert written.status == EntryStatus.SIGNED
    assert written.signed_by == employed.user(Role.SUPERVISOR)
    assert written.reviews.get().comments == "Good use of a walking group"


def test_a_signed_entry_is_locked_and_takes_addenda(employed: Any, client_for: Any) -> None:
    signed = entry(
        employed.organisation,
        employed.user(Role.PSW),
        status=EntryStatus.SIGNED,
        signed_by=employed.user(Role.SUPERVISOR),
    )
    psw = client_for(Role.PSW)
    assert psw.get(f"/learning/booklet/{signed.pk}/edit/").status_code == 404
    assert (
        psw.post(
            f"/learning/booklet/{signed.pk}/edit/", entry_data(what_i_did="Changed")
        ).status_code
        == 404
    )
    signed.refresh_from_db()
    assert signed.what_i_did == "Met someone for a walk"
    page = text(psw.get(f"/learning/booklet/{signed.pk}/"))
    assert "Change this entry" not in page and "Add an addendum" in page
    added = psw.post(f"/learning/booklet/{signed.pk}/addendum/", {"text": "I tried this again."})
    assert added.status_code == 302
    assert BookletAddendum.objects.get().text == "I tried this again."
    assert "I tried this again." in text(psw.get(f"/learning/booklet/{signed.pk}/"))


def test_statements_are_picked_from_the_framework_grouped_by_section_and_unit(
    employed: Any, client_for: Any
) -> None:
    psw = client_for(Role.PSW)
    form = text(psw.get("/learning/booklet/new/"))
    statement = Statement.objects.get(framework__is_current=True, ref="2.5.3")
    assert f"Section 2: {statement.unit.section.title}" in form
    assert f"Unit 2.5: {statement.unit.title}" in form
    assert f'value="{statement.pk}"' in form and f"2.5.3 {statement.text}" in form
    unknown = psw.post(
        "/learning/booklet/new/", entry_data(statements=[*picked("2.5.3"), "999999"])
    )
    assert unknown.status_code == 400
    assert "Choose competence statements from the framework" in text(unknown)
    typed = psw.post("/learning/booklet/new/", entry_data(statements="2.5.3, 9.9.9"))
    assert typed.status_code == 400
    assert "Choose competence statements from the framework" in text(typed)
    empty = psw.post("/learning/booklet/new/", entry_data(statements=[]))
    assert empty.status_code == 400
    assert "Choose at least one competence statement this entry shows" in text(empty)
    assert BookletEntry.objects.count() == 0
    # What was ticked stays ticked, with its unit open, when the form comes back.
    again = psw.post(
        "/learning/booklet/new/", entry_data(what_i_did="", statements=picked("2.5.3"))
    )
    assert "Unit 2.5: " in text(again) and "(1 chosen)" in text(again)


def test_an_entry_opened_for_change_shows_its_statements_ticked(
    employed: Any, client_for: Any
) -> None:
    draft = entry(employed.organisation, employed.user(Role.PSW))
    page = text(client_for(Role.PSW).get(f"/learning/booklet/{draft.pk}/edit/"))
    chosen = list(draft.statements.all())
    assert chosen
    for statement in chosen:
        assert f"Unit {statement.unit.code}: {statement.unit.title} (" in page


def test_a_stale_edit_is_refused(employed: Any, client_for: Any) -> None:
    draft = entry(employed.organisation, employed.user(Role.PSW))
    psw = client_for(Role.PSW)
    assert psw.post(f"/learning/booklet/{draft.pk}/edit/", entry_data()).status_code == 302
    stale = psw.post(f"/learning/booklet/{draft.pk}/edit/", entry_data(what_i_did="Older"))
    assert stale.status_code == 400
    assert "Nothing has been overwritten" in text(stale)


def test_coverage_counts_signed_entries_only(employed: Any, client_for: Any) -> None:
    psw = employed.user(Role.PSW)
    entry(
        employed.organisation,
        psw,
        refs=("2.5.3",),
        status=EntryStatus.SIGNED,
        signed_by=employed.user(Role.SUPERVISOR),
    )
    entry(employed.organisation, psw, refs=("2.5.7",))
    page = text(client_for(Role.SUPERVISOR).get(f"/learning/workers/{psw.pk}/booklet/coverage/"))
    assert "1 of " in page and " competence statements have a signed entry" in page
    assert "Entry not signed yet" in page


def test_the_print_view_holds_signed_entries_only(employed: Any, client_for: Any) -> None:
    psw = employed.user(Role.PSW)
    signed = entry(
        employed.organisation,
        psw,
        status=EntryStatus.SIGNED,
        signed_by=employed.user(Role.SUPERVISOR),
    )
    signed.what_i_did = "Signed work"
    signed.save()
    draft = entry(employed.organisation, psw)
    draft.what_i_did = "Draft work"
    draft.save()
    page = text(client_for(Role.PSW).get(f"/learning/workers/{psw.pk}/booklet/print/"))
    assert "Signed work" in page and "Draft work" not in page


def test_others_see_no_entry(employed: Any, client_for: Any) -> None:
    draft = entry(employed.organisation, employed.user(Role.PSW))
    assert client_for("outsider").get(f"/learning/booklet/{draft.pk}/").status_code == 404
    assert client_for(Role.TRAINER).get(f"/learning/booklet/{draft.pk}/").status_code == 403


@pytest.mark.parametrize("entries", [2, 12])
def test_booklet_and_review_queue_query_counts_are_flat(
    employed: Any, client_for: Any, django_assert_num_queries: Any, entries: int
) -> None:
    psw = employed.user(Role.PSW)
    for _n in range(entries):
        entry(employed.organisation, psw, refs=("2.5.3", "2.5.7"), status=EntryStatus.SUBMITTED)
    client = client_for(Role.SUPERVISOR)
    booklet = f"/learning/workers/{psw.pk}/booklet/"
    client.get(booklet)
    # session, user, memberships, employment, audit, count, entries, statements, save (3)
    with django_assert_num_queries(8):
        assert text(client.get(booklet)).count("Waiting for review") == entries
    client.get("/learning/booklet/reviews/")
    with django_assert_num_queries(5):
        assert text(client.get("/learning/booklet/reviews/")).count("Entry of") == entries
