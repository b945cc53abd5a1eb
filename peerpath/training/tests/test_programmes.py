from typing import Any

import pytest

from conftest import World
from peerpath.core.models import AuditAction, AuditEvent
from peerpath.core.roles import Role
from peerpath.framework.models import Statement, Unit
from peerpath.tests.pages import text
from peerpath.training.models import AssessmentKind, Module, Programme
from peerpath.training.services.programme_templates import programme_templates_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def templates(db: Any) -> dict[str, Programme]:
    programme_templates_load()
    return {p.template_key: p for p in Programme.objects.templates()}


def test_the_four_seed_programmes_load_once_with_the_seeds_facts(
    templates: dict[str, Programme],
) -> None:
    assert programme_templates_load() == 0  # idempotent
    assert Programme.objects.count() == 4
    imroc = templates["nhft-imroc-peer-support-training"]
    assert (imroc.modules.count(), imroc.weeks, imroc.days_per_week, imroc.modules_per_day) == (
        16,
        10,
        1,
        2,
    )
    assert imroc.attendance_threshold == 80
    assert str(imroc.day_starts) == "10:00:00" and str(imroc.day_ends) == "16:00:00"
    first = imroc.modules.get(order=1)
    assert (first.prep_hours, first.teaching_hours) == (1, 2.5)
    assert [a.title for a in imroc.assessments.all()] == ["Assignment"]
    pep = templates["recovery-college-east-pep"]
    assert (pep.modules.count(), pep.weeks, pep.placement_days_required) == (15, 12, 3)
    assert pep.placement_required and pep.accreditation == "Level 4, Open College Network (OCN)"
    assert pep.attendance_threshold is None  # the seed states no percentage
    assert list(pep.assessments.values_list("kind", flat=True)) == [
        AssessmentKind.PORTFOLIO,
        AssessmentKind.WORK_EXPERIENCE,
        AssessmentKind.REFLECTION,
        AssessmentKind.COMMUNICATION_ASSESSMENT,
        AssessmentKind.FINAL_EXAM,
    ]
    assert [c.title for c in pep.coursework.all()] == [
        "Weekly homework",
        "Reflective journal for work experience",
    ]
    assert pep.certificates.count() == 2 and pep.information.count() == 4
    assert pep.criteria.count() == 10
    assert pep.criteria.get(order=1).examples[0] == "A specialist referral from the GP"
    intro = templates["nottinghamshire-six-hour-introduction"]
    assert (intro.total_hours, intro.total_days, intro.modules.count()) == (6, 2, 6)
    assert intro.criteria.count() == 0 and "particularly useful" in intro.audience
    course = templates["eleven-session-peer-support-course"]
    assert course.modules.count() == 11
    assert course.modules.get(order=2).title == "What is Recovery?"
    assert course.modules.get(order=1).display_title == "Module 1"
    assert [a.kind for a in course.assessments.all()] == [
        AssessmentKind.RECOVERY_STORY_ESSAY,
        AssessmentKind.ASSIGNMENT,
    ]


def test_an_outdated_template_is_brought_up_to_date_and_copies_keep_their_text(
    templates: dict[str, Programme], world: World, tmp_path: Any
) -> None:
    import json

    from peerpath.training.services.programme_templates import TEMPLATES_FILE, programme_copy

    pep = templates["recovery-college-east-pep"]
    copy = programme_copy(source=pep, organisation=world.organisation, by=None)
    data = json.loads(TEMPLATES_FILE.read_text(encoding="utf-8"))
    data["templates"][1]["assessments"] = data["templates"][1]["assessments"][:2]
    changed = tmp_path / "templates.json"
    changed.write_text(json.dumps(data), encoding="utf-8")
    assert programme_templates_load(changed) == 1
    assert programme_templates_load(changed) == 0
    pep.refresh_from_db()
    assert pep.assessments.count() == 2 and pep.version == 2
    assert copy.assessments.count() == 5
    assert programme_templates_load() == 1  # and back


def test_programme_list_shows_own_programmes_then_templates(
    templates: dict[str, Programme], world: World, client_for: Any
) -> None:
    page = text(client_for(Role.COORDINATOR).get("/training/programmes/"))
    assert "has no programmes of its own yet" in page
    for programme in templates.values():
        assert programme.title in page


def test_coordinator_copies_a_template_and_the_copy_is_theirs(
    templates: dict[str, Programme], world: World, client_for: Any
) -> None:
    pep = templates["recovery-college-east-pep"]
    client = client_for(Role.COORDINATOR)
    response = client.post(f"/training/programmes/{pep.pk}/copy/")
    copy = Programme.objects.get(organisation=world.organisation)
    assert response["Location"] == f"/training/programmes/{copy.pk}/"
    assert copy.copied_from == pep and copy.title == pep.title
    assert copy.modules.count() == 15 and copy.assessments.count() == 5
    assert copy.criteria.count() == 10 and copy.placement_days_required == 3
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_id=str(copy.pk)).exists()
    # Another organisation sees neither the copy nor its pages.
    outsider = client_for("outsider")
    assert outsider.get(f"/training/programmes/{copy.pk}/").status_code == 404
    assert copy.title not in text(outsider.get("/training/programmes/")).split("Templates")[0]


def test_templates_cannot_be_edited(
    templates: dict[str, Programme], world: World, client_for: Any
) -> None:
    pep = templates["recovery-college-east-pep"]
    client = client_for(Role.COORDINATOR)
    assert client.get(f"/training/programmes/{pep.pk}/edit/").status_code == 404
    assert client.post(f"/training/programmes/{pep.pk}/modules/add/").status_code == 404
    module = pep.modules.get(order=1)
    response = client.get(f"/training/modules/{module.pk}/edit/")
    assert response.status_code == 302
    assert pep.modules.count() == 15


def _copy(client: Any, template: Programme) -> Programme:
    client.post(f"/training/programmes/{template.pk}/copy/")
    return Programme.objects.filter(copied_from=template).latest("pk")


def test_editing_rules_changes_the_programme_and_bad_input_changes_nothing(
    templates: dict[str, Programme], world: World, client_for: Any
) -> None:
    client = client_for(Role.COORDINATOR)
    copy = _copy(client, templates["recovery-college-east-pep"])
    form = {
        "version": copy.version,
        "title": "PEP 2027",
        "attendance_threshold": "80",
        "placement_required": "on",
        "placement_days_required": "3",
        "weeks": "12",
        "day_starts": "09:00",
        "day_ends": "17:00",
    }
    bad = client.post(
        f"/training/programmes/{copy.pk}/edit/",
        {**form, "attendance_threshold": "120", "day_ends": "08:00"},
    )
    page = text(bad)
    assert "Enter a percentage from 0 to 100." in page
    assert "The day must end after it starts." in page
    copy.refresh_from_db()
    assert (copy.title, copy.attendance_threshold) == ("Peer Education Programme (PEP)", None)
    good = client.post(f"/training/programmes/{copy.pk}/edit/", form)
    assert good.status_code == 302
    copy.refresh_from_db()
    assert (copy.title, copy.attendance_threshold, copy.version) == ("PEP 2027", 80, 2)


def test_two_people_editing_at_once_do_not_overwrite_each_other(
    templates: dict[str, Programme], world: World, client_for: Any
) -> None:
    client = client_for(Role.COORDINATOR)
    copy = _copy(client, templates["nhft-imroc-peer-support-training"])
    base = {"version": copy.version, "title": copy.title, "attendance_threshold": "80"}
    first = client.post(f"/training/programmes/{copy.pk}/edit/", {**base, "title": "First"})
    assert first.status_code == 302
    second = client.post(f"/training/programmes/{copy.pk}/edit/", {**base, "title": "Second"})
    assert second.status_code == 400
    assert "Someone else saved this programme while this page was open" in text(second)
    assert "Second" in text(second)
    copy.refresh_from_db()
    assert copy.title == "First"


def test_mapping_modules_to_the_framework_shows_coverage_and_gaps(
    templates: dict[str, Programme], world: World, client_for: Any, framework: Any
) -> None:
    client = client_for(Role.COORDINATOR)
    copy = _copy(client, templates["eleven-session-peer-support-course"])
    module = copy.modules.get(title="What is Recovery?")
    unit_21 = Unit.objects.get(framework=framework, code="2.1")
    single = Statement.objects.get(framework=framework, ref="3.1.1")
    trainer = client_for(Role.TRAINER)
    response = trainer.post(
        f"/training/modules/{module.pk}/edit/",
        {
            "title": module.title,
            "aims": module.aims,
            "units": [unit_21.pk],
            "statements": [single.pk],
            "prep_hours": "",
            "teaching_hours": "2",
            "version": module.version,
        },
    )
    assert response.status_code == 302
    assert list(module.units.values_list("code", flat=True)) == ["2.1"]
    page = text(client.get(f"/training/programmes/{copy.pk}/coverage/"))
    assert "The modules cover 6 of the 213 competence statements" in page
    assert "Covered in: What is Recovery?" in page
    assert "3.1.2 gap" in page and "2.1.1 gap" not in page


def test_module_form_explains_bad_hours(
    templates: dict[str, Programme], world: World, client_for: Any, framework: Any
) -> None:
    client = client_for(Role.COORDINATOR)
    copy = _copy(client, templates["eleven-session-peer-support-course"])
    module = copy.modules.get(order=1)
    response = client.post(
        f"/training/modules/{module.pk}/edit/", {"title": "", "teaching_hours": "lots"}
    )
    page = text(response)
    assert "Enter a number of hours, like 1 or 2.5" in page
    module.refresh_from_db()
    assert module.title == ""  # the source gives none, and the bad save changed nothing


def test_adding_a_module(templates: dict[str, Programme], world: World, client_for: Any) -> None:
    client = client_for(Role.COORDINATOR)
    copy = _copy(client, templates["nottinghamshire-six-hour-introduction"])
    response = client.post(f"/training/programmes/{copy.pk}/modules/add/")
    module = Module.objects.get(programme=copy, order=7)
    assert response["Location"] == f"/training/modules/{module.pk}/edit/"


@pytest.mark.parametrize("mapped_units", [1, 12])
def test_coverage_page_query_count_is_flat(
    templates: dict[str, Programme],
    world: World,
    client_for: Any,
    framework: Any,
    django_assert_num_queries: Any,
    mapped_units: int,
) -> None:
    client = client_for(Role.COORDINATOR)
    copy = _copy(client, templates["recovery-college-east-pep"])
    units = list(Unit.objects.filter(framework=framework)[:mapped_units])
    for module in copy.modules.all():
        module.units.set(units)
    client.get(f"/training/programmes/{copy.pk}/coverage/")
    with django_assert_num_queries(10):
        client.get(f"/training/programmes/{copy.pk}/coverage/")
