"""Co-produced documents: a new version per save, conflicts refused, comparison, PDF."""

import re
import subprocess
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.utils import timezone

from peerpath.caseload.models import Person
from peerpath.caseload.panels import read_panels
from peerpath.caseload.tests.factories import person_on_caseload
from peerpath.core.models import AuditAction, AuditEvent
from peerpath.core.roles import Role
from peerpath.recovery import panels as recovery_panels
from peerpath.recovery.documents import compare, diff_words, kind_for_slug
from peerpath.recovery.models import Document, DocumentKind, DocumentVersion
from peerpath.tests.pages import text, words

pytestmark = pytest.mark.django_db


def crisis_plan(**overrides: str) -> dict[str, str]:
    data = {
        "based_on": "0",
        "warning_signs": "I stop sleeping and stop answering the phone",
        "what_i_can_do": "I go for a walk by the river",
        "people": "My sister Jo: 07700 900123",
        "places": "The library",
        "services": "Crisis team: 0300 555 0000",
        "review_on": (timezone.localdate() + timedelta(days=90)).isoformat(),
        "change_note": "",
        "written_together": "on",
    }
    data.update(overrides)
    return data


def url(person: Person, slug: str, tail: str = "") -> str:
    return f"/people/{person.pk}/plans/{slug}/{tail}"


def write_first(client: Client, person: Person, **overrides: str) -> Any:
    return client.post(f"/people/{person.pk}/plans/new/?kind=crisis-plan", crisis_plan(**overrides))


def pdf_words(content: bytes, tmp_path: Path) -> str:
    path = tmp_path / "plan.pdf"
    path.write_bytes(content)
    found = subprocess.run(  # noqa: S603 - poppler's pdftotext on our own file
        ["/usr/bin/pdftotext", "-layout", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return re.sub(r"\s+", " ", found)


def test_a_person_with_no_plans_is_invited_to_write_the_first_version_together(
    caseload_world: Any, client_for: Any
) -> None:
    person = person_on_caseload(caseload_world)
    client = client_for(Role.PSW)
    page = words(client.get(f"/people/{person.pk}/plans/"))
    for title in ("recovery plan", "advance statement", "crisis plan"):
        assert f"No {title} yet." in page
        assert f"Write the first version together (the {title})" in page
    assert client.get(url(person, "crisis-plan")).status_code == 404
    assert client.get(url(caseload_world.person, "wellness-plan")).status_code == 404
    new = client.get(f"/people/{person.pk}/plans/new/?kind=crisis-plan")
    assert new.status_code == 200
    assert "Write the first version of the crisis plan" in text(new)
    assert "Samaritans: call 116 123, free, any time" in text(new)
    nothing = client.get(f"/people/{person.pk}/plans/new/?kind=nonsense")
    assert nothing["Location"] == f"/people/{person.pk}/plans/"


def test_every_save_is_a_new_version_with_who_and_when(
    caseload_world: Any, client_for: Any
) -> None:
    person = person_on_caseload(caseload_world)
    psw, supervisor = caseload_world.user(Role.PSW), caseload_world.user(Role.SUPERVISOR)
    first_day = timezone.now().replace(microsecond=0)
    with time_machine.travel(first_day, tick=False):
        response = write_first(client_for(Role.PSW), person)
    assert response.status_code == 302
    assert response["Location"] == url(person, "crisis-plan")
    document = Document.objects.get(person=person, kind=DocumentKind.CRISIS_PLAN)
    assert document.current_version == 1
    first = DocumentVersion.objects.get(document=document)
    assert (first.number, first.changed_by, first.created_at) == (1, psw, first_day)
    assert first.written_together is True
    assert first.content["people"] == "My sister Jo: 07700 900123"
    assert first.review_on == timezone.localdate() + timedelta(days=90)

    new_review = timezone.localdate() + timedelta(days=30)
    later = first_day + timedelta(minutes=20)
    client = client_for(Role.SUPERVISOR)
    form = client.get(url(person, "crisis-plan", "edit/"))
    assert 'name="based_on" value="1"' in form.content.decode()
    assert "I go for a walk by the river" in text(form)
    with time_machine.travel(later, tick=False):
        saved = client.post(
            url(person, "crisis-plan", "edit/"),
            crisis_plan(
                based_on="1",
                what_i_can_do="I go for a long run by the river",
                review_on=new_review.isoformat(),
                change_note="Running helps more now",
                written_together="",
            ),
        )
    assert saved.status_code == 302
    document.refresh_from_db()
    assert document.current_version == 2 and document.review_on == new_review
    second = DocumentVersion.objects.get(document=document, number=2)
    assert (second.changed_by, second.created_at) == (supervisor, later)
    assert second.change_note == "Running helps more now"
    first.refresh_from_db()
    assert first.content["what_i_can_do"] == "I go for a walk by the river"  # never changed

    page = text(client.get(url(person, "crisis-plan")))
    assert "Version 2, last reviewed or changed on" in page
    assert f"by {supervisor.display_name}" in page
    assert "I go for a long run by the river" in page
    assert "Samaritans: call 116 123, free, any time" in page
    assert "In an emergency, call 999" in page
    history = text(client.get(url(person, "crisis-plan", "versions/")))
    assert "Version 2" in history and "Version 1" in history
    assert psw.display_name in history and supervisor.display_name in history
    assert "Running helps more now" in history
    events = AuditEvent.objects.filter(object_type="recovery.documentversion", person_id=person.pk)
    assert sorted(events.values_list("action", flat=True)) == [
        AuditAction.CREATE,
        AuditAction.UPDATE,
    ]


@pytest.mark.hazard("H3")
def test_an_old_version_is_marked_as_superseded(caseload_world: Any, client_for: Any) -> None:
    person = person_on_caseload(caseload_world)
    client = client_for(Role.PSW)
    write_first(client, person)
    client.post(url(person, "crisis-plan", "edit/"), crisis_plan(based_on="1", places="The park"))
    old = text(client.get(url(person, "crisis-plan", "versions/1/")))
    assert "Superseded by version 2" in old
    assert "The library" in old
    current = text(client.get(url(person, "crisis-plan", "versions/2/")))
    assert "Superseded" not in current and "Current version" in current
    assert client.get(url(person, "crisis-plan", "versions/3/")).status_code == 404


@pytest.mark.hazard("H6")
def test_two_people_saving_at_once_the_second_is_refused_and_keeps_their_words(
    caseload_world: Any, client_for: Any
) -> None:
    person = person_on_caseload(caseload_world)
    write_first(client_for(Role.PSW), person)
    edit = url(person, "crisis-plan", "edit/")
    # Both opened the form at version 1; the PSW saves first.
    mine = client_for(Role.PSW).post(edit, crisis_plan(based_on="1", places="The park"))
    assert mine.status_code == 302
    theirs = client_for(Role.SUPERVISOR).post(
        edit, crisis_plan(based_on="1", places="My friend's allotment")
    )
    page = text(theirs)
    assert theirs.status_code == 400
    assert "Someone else saved a new version of this crisis plan (version 2)" in page
    assert "Nothing has been overwritten" in page
    assert "My friend's allotment" in page  # their words are still in the form
    assert 'name="based_on" value="2"' in theirs.content.decode()
    document = Document.objects.get(person=person, kind=DocumentKind.CRISIS_PLAN)
    assert document.current_version == 2
    assert document.versions.count() == 2
    assert document.versions.get(number=2).content["places"] == "The park"
    # Saving again, now knowingly on top of version 2, makes version 3.
    again = client_for(Role.SUPERVISOR).post(
        edit, crisis_plan(based_on="2", places="My friend's allotment")
    )
    assert again.status_code == 302
    assert document.versions.get(number=3).content["places"] == "My friend's allotment"


def test_two_first_versions_at_once_the_second_is_refused(
    caseload_world: Any, client_for: Any
) -> None:
    person = person_on_caseload(caseload_world)
    assert write_first(client_for(Role.PSW), person).status_code == 302
    second = write_first(client_for(Role.SUPERVISOR), person, places="A quiet cafe")
    assert second.status_code == 400
    assert "Someone else saved a new version of this crisis plan (version 1)" in text(second)
    assert "A quiet cafe" in text(second)
    assert DocumentVersion.objects.filter(document__person=person).count() == 1


def test_bad_input_is_explained_and_saves_nothing(caseload_world: Any, client_for: Any) -> None:
    person = person_on_caseload(caseload_world)
    client = client_for(Role.PSW)
    empty = {key: "" for key in crisis_plan()}
    response = write_first(client, person, **empty)
    page = text(response)
    assert response.status_code == 400
    assert "Enter a date to review the crisis plan." in page
    past = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = write_first(client, person, review_on=past)
    assert "Review date must be after today" in text(response)
    # The review comes after the plan's date: this version is dated today.
    response = write_first(client, person, review_on=timezone.localdate().isoformat())
    assert response.status_code == 400
    assert "Review date must be after today" in text(response)
    response = write_first(
        client,
        person,
        **{**empty, "review_on": (timezone.localdate() + timedelta(days=9)).isoformat()},
    )
    assert "Write something in at least one section of the crisis plan." in text(response)
    assert not Document.objects.filter(person=person).exists()
    # A recovery plan may be saved without a review date.
    plan = client.post(
        f"/people/{person.pk}/plans/new/?kind=recovery-plan",
        {"based_on": "0", "recovery_means": "Living well with my voices", "review_on": ""},
    )
    assert plan.status_code == 302


def test_the_comparison_shows_words_added_and_taken_out(
    caseload_world: Any, client_for: Any
) -> None:
    person = person_on_caseload(caseload_world)
    client = client_for(Role.PSW)
    write_first(client, person)
    client.post(
        url(person, "crisis-plan", "edit/"),
        crisis_plan(
            based_on="1",
            what_i_can_do="I go for a long run by the river",
            change_note="Running helps",
        ),
    )
    response = client.get(url(person, "crisis-plan", "compare/") + "?old=1&new=2")
    assert response.status_code == 200
    html = response.content.decode()
    diffs = re.findall(r'<div class="pp-diff nhsuk-body">(.*?)</div>', html, re.S)
    assert len(diffs) == 1  # only the section that changed
    assert "<del>" in diffs[0] and "walk</del>" in diffs[0]
    assert "<ins>" in diffs[0] and "long run</ins>" in diffs[0]
    page = words(response)
    assert "What changed from version 1 to version 2" in page
    assert "I go for a removed: walk added: long run by the river" in page
    assert "Version 2 was saved on" in page and "“Running helps”" in page
    assert page.count("No change.") == 4
    same = client.get(url(person, "crisis-plan", "compare/") + "?old=2&new=2")
    assert same.status_code == 400
    assert "Choose two different versions to compare." in text(same)


def test_diff_words_escapes_what_the_person_wrote() -> None:
    html = diff_words("I like <b>tea</b>", "I like <b>coffee</b>\nand cake")
    assert "<b>" not in html and "&lt;b&gt;" in html
    assert "coffee&lt;/b&gt;<br>" in html.replace("\n", "")
    kind = kind_for_slug("recovery-plan")
    assert kind is not None
    changes = compare(kind, {"triggers": "Crowds"}, {"triggers": "Crowds", "who_supports": "Jo"})
    assert [c.section.key for c in changes if c.changed] == ["who_supports"]


@pytest.mark.hazard("H3")
def test_an_overdue_review_is_flagged_on_the_page_the_panel_and_the_pdf(
    caseload_world: Any, client_for: Any, tmp_path: Path
) -> None:
    person = person_on_caseload(caseload_world)
    client = client_for(Role.PSW)
    review_on = timezone.localdate() + timedelta(days=7)
    write_first(client, person, review_on=review_on.isoformat())
    assert "Review overdue" not in text(client.get(url(person, "crisis-plan")))
    with time_machine.travel(review_on + timedelta(days=1), tick=False):
        client = client_for(Role.PSW)  # signed in on the day: sessions end when idle
        page = text(client.get(url(person, "crisis-plan")))
        assert "Review overdue" in page
        assert f"due for review on {review_on:%-d %B %Y}" in page
        assert "Review overdue" in text(client.get(f"/people/{person.pk}/plans/"))
        found = read_panels(recovery_panels, RequestFactory().get("/"), person)
        panel = {p.key: p for p in found}["plans"]
        rendered = render_to_string(panel.template, {"person": person, "context": panel.context})
        assert "Review overdue" in rendered
        pdf = client.get(url(person, "crisis-plan", "pdf/"))
        assert "Review overdue" in pdf_words(pdf.content, tmp_path)
    with time_machine.travel(review_on, tick=False):
        client = client_for(Role.PSW)
        assert "Review overdue" not in text(client.get(url(person, "crisis-plan")))


def test_the_pdf_is_a_real_pdf_with_the_person_the_version_and_the_samaritans(
    caseload_world: Any, client_for: Any, tmp_path: Path
) -> None:
    person = person_on_caseload(caseload_world, name="Robin O'Hale")
    person.date_of_birth = date(1988, 2, 29)
    person.save()
    client = client_for(Role.PSW)
    write_first(client, person)
    client.post(url(person, "crisis-plan", "edit/"), crisis_plan(based_on="1"))
    response = client.get(url(person, "crisis-plan", "pdf/"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    found = pdf_words(response.content, tmp_path)
    assert "Robin O'Hale" in found
    assert "Date of birth: 29 February 1988" in found
    assert "Crisis plan" in found and "Version 2" in found
    assert caseload_world.user(Role.PSW).display_name in found
    assert "Samaritans: call 116 123, free, any time" in found
    assert "In an emergency, call 999" in found
    assert "My sister Jo: 07700 900123" in found
    export = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert export.person_id == person.pk and export.reason == "crisis plan PDF, version 2"


def test_the_advance_statement_says_it_is_not_an_advance_decision(
    caseload_world: Any, client_for: Any, tmp_path: Path
) -> None:
    person = person_on_caseload(caseload_world)
    client = client_for(Role.PSW)
    form = text(client.get(f"/people/{person.pk}/plans/new/?kind=advance-statement"))
    assert "not legally binding" in form
    assert "not an advance decision to refuse treatment" in form
    saved = client.post(
        f"/people/{person.pk}/plans/new/?kind=advance-statement",
        {
            "based_on": "0",
            "practical": "Please ask my neighbour to feed my cat",
            "review_on": (timezone.localdate() + timedelta(days=180)).isoformat(),
        },
    )
    assert saved.status_code == 302
    page = text(client.get(url(person, "advance-statement")))
    assert "Practical things to take care of" in page
    assert "Please ask my neighbour to feed my cat" in page
    assert "not an advance decision to refuse treatment" in page
    assert "116 123" not in page  # the crisis numbers belong to the crisis plan
    pdf = pdf_words(client.get(url(person, "advance-statement", "pdf/")).content, tmp_path)
    assert "not legally binding" in pdf


def test_the_recovery_plan_has_the_wellness_plan_sections(
    caseload_world: Any, client_for: Any
) -> None:
    person = person_on_caseload(caseload_world)
    page = text(client_for(Role.PSW).get(f"/people/{person.pk}/plans/new/?kind=recovery-plan"))
    for heading in (
        "What recovery means to me",
        "My strengths and values",
        "What keeps me well day to day",
        "My triggers",
        "My early warning signs",
        "What helps when things are getting harder",
        "Who supports me",
    ):
        assert heading in page
    assert "<h1>Write the first version of the recovery plan</h1>" in page
    assert "WRAP" not in page.split("<h1>")[1].split("</h1>")[0]


def test_the_outsider_and_other_people_cannot_reach_a_plan(
    caseload_world: Any, client_for: Any
) -> None:
    person = caseload_world.person
    assert client_for("outsider").get(url(person, "crisis-plan")).status_code == 404
    assert client_for("outsider").get(url(person, "crisis-plan", "pdf/")).status_code == 404
    assert client_for(Role.CARER).get(url(person, "crisis-plan")).status_code == 403
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()
