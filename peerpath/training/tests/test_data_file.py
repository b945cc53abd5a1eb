"""The programme templates are faithful to their sources (data/source/, the seeds as given).

Quoted text must be the source's words: each sentence of it is found in the source once
letters and digits are compared alone (punctuation, quotes and line breaks aside). A
sentence of PeerPath's own says so by naming "the source" ("the source does not say").
Numbers and rules are checked one by one against what each source says.
"""

import json
import re
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).resolve().parents[1] / "data"
FILE = json.loads((DATA / "programme_templates.json").read_text(encoding="utf-8"))
TEMPLATES = {t["key"]: t for t in FILE["templates"]}
IMROC, PEP = "nhft-imroc-peer-support-training", "recovery-college-east-pep"
INTRO, COURSE = "nottinghamshire-six-hour-introduction", "eleven-session-peer-support-course"


def normalised(text: str) -> str:
    """The words of a text in lower case, punctuation and spacing dropped, to compare quotes."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def source_of(item: dict[str, Any]) -> str:
    return normalised((DATA / "source" / item["source_file"]).read_text(encoding="utf-8"))


def sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.?!])\s+", text.strip())
    return [p for p in parts if p and "source" not in p.lower()]


def quoted(item: dict[str, Any]) -> list[tuple[str, str]]:
    """(where, text) of everything in a template that must be the source's own words."""
    found: list[tuple[str, str]] = []
    for name in ("summary", "audience", "delivery", "eligibility_note"):
        found += [(name, s) for s in sentences(item.get(name, ""))]
    found += [("placement", s) for s in sentences(item["placement"]["description"])]
    for n, module in enumerate(item["modules"], start=1):
        if module["title"]:
            found.append((f"module {n} title", module["title"]))
        found += [(f"module {n} aims", s) for s in sentences(module["aims"])]
    for a in item["assessments"]:
        found.append(("assessment", a["title"]))
        found += [("assessment description", s) for s in sentences(a["description"])]
    for c in item["coursework"]:
        found.append(("coursework", c["title"]))
        found += [("coursework description", s) for s in sentences(c["description"])]
    for criterion in item["eligibility"]:
        found.append(("criterion", criterion["text"]))
        found += [("criterion example", e) for e in criterion["examples"]]
    for c in item["certificates"]:
        found.append(("certificate", c["title"]))
        if c["awarding_body"]:
            found.append(("awarding body", c["awarding_body"]))
    for section in item["information"]:
        found += [(section["heading"], s) for s in sentences(section["text"])]
        found += [(section["heading"], entry) for entry in section["items"]]
    found += [("organisation-specific word", w) for w in item["organisation_specific"]]
    return found


def test_the_sources_shipped_are_the_seeds_and_each_template_names_its_own() -> None:
    files = sorted(p.name for p in (DATA / "source").iterdir())
    assert files == [
        "000-eleven-session-course.txt",
        "001-nhft-peer-support-service.txt",
        "002-nottinghamshire-peer-support.txt",
        "003-recovery-college-east-pep.txt",
    ]
    assert {t["source_file"] for t in TEMPLATES.values()} == set(files)


@pytest.mark.parametrize("key", sorted(TEMPLATES))
def test_every_quotation_is_the_sources_own_words(key: str) -> None:
    item = TEMPLATES[key]
    source = source_of(item)
    missing = [(where, text) for where, text in quoted(item) if normalised(text) not in source]
    assert missing == []


def test_the_pep_assesses_exactly_the_five_things_the_source_names() -> None:
    pep = TEMPLATES[PEP]
    # "Learning portfolio, work experience, reflection, communication assessment and final exam"
    assert [(a["kind"], a["title"]) for a in pep["assessments"]] == [
        ("portfolio", "Learning portfolio"),
        ("work_experience", "Work experience"),
        ("reflection", "Reflection"),
        ("communication_assessment", "Communication assessment"),
        ("final_exam", "Final exam"),
    ]
    assert all(a["required"] for a in pep["assessments"])  # "all aspects" before graduation
    # Weekly homework and the reflective journal are coursework, not graded requirements.
    assert [c["title"] for c in pep["coursework"]] == [
        "Weekly homework",
        "Reflective journal for work experience",
    ]
    assert not {"homework", "reflective_journal"} & {a["kind"] for a in pep["assessments"]}


def test_the_pep_invents_no_modules_a_day_and_names_no_module() -> None:
    pep = TEMPLATES[PEP]
    assert (pep["weeks"], pep["days_per_week"], len(pep["modules"])) == (12, 1, 15)
    assert (pep["day_starts"], pep["day_ends"]) == ("09:00", "17:00")  # "from 9 am to 5 pm"
    assert pep["modules_per_day"] is None
    assert "the source does not say which modules are taught on which day" in pep["modules_note"]
    assert {m["title"] for m in pep["modules"]} == {""}
    assert (pep["placement"]["required_days"], pep["placement"]["required"]) == (3, True)
    assert pep["attendance_threshold"] is None  # "available to attend all", no percentage
    # The source asks for no competence sign-off; the learning portfolio is an assessment.
    assert pep["requires_portfolio_sign_off"] is False


def test_the_pep_awards_two_certificates_one_of_them_by_the_ocn() -> None:
    certificates = TEMPLATES[PEP]["certificates"]
    assert [(c["title"], c["issuer"]) for c in certificates] == [
        ("CPFT Graduation certificate", "organisation"),
        ("Open College Network (OCN) certificate", "awarding_body"),
    ]
    assert TEMPLATES[PEP]["accreditation"] == "Level 4, Open College Network (OCN)"


def test_the_peps_facts_for_coordinators_and_applicants_are_there() -> None:
    sections = {s["heading"]: s for s in TEMPLATES[PEP]["information"]}
    booking = sections["How to book a place"]
    assert "book a place on the next PEP Essential Information Session" in booking["text"]
    assert "The Recovery College Team" in booking["text"] and booking["for_applicants"]
    jobs = sections["Jobs after graduation"]["text"]
    assert "Jobs are not guaranteed" in jobs and sections["Jobs after graduation"]["for_applicants"]
    support = sections["Support after graduation"]["items"]
    assert len(support) == 3 and "quarterly Peer Worker Professional Forums" in support[0]
    assert len(sections["Opportunities after the PEP"]["items"]) == 4


def test_the_pep_marks_its_organisations_words() -> None:
    marked = TEMPLATES[PEP]["organisation_specific"]
    for word in ("CPFT", "Recovery College East", "the Trust", "01733 746662"):
        assert word in marked
    criteria = [c["text"] for c in TEMPLATES[PEP]["eligibility"]]
    assert "Want to work as a peer worker within CPFT after the training" in criteria
    assert len(criteria) == 10


def test_the_six_hour_course_asks_nothing_of_the_vacancy_criteria() -> None:
    intro = TEMPLATES[INTRO]
    text = json.dumps(intro)
    posts = FILE["posts"][0]
    assert len(posts["eligibility"]) == 8
    assert normalised(" ".join(posts["eligibility"])) in source_of(posts) or all(
        normalised(e) in source_of(posts) for e in posts["eligibility"]
    )
    for criterion in posts["eligibility"]:
        assert criterion not in text  # for paid posts, not for the course
    # "particularly useful for people ... considering applying" describes, it does not require.
    assert intro["eligibility"] == []
    assert "particularly useful" in intro["audience"]
    assert (intro["total_days"], intro["total_hours"], len(intro["modules"])) == (2, "6", 6)
    assert intro["assessments"] == [] and intro["certificates"] == []
    assert intro["modules_per_day"] is None and intro["day_starts"] is None


def test_the_six_hour_course_keeps_the_five_items_of_further_training() -> None:
    sections = {s["heading"]: s for s in TEMPLATES[INTRO]["information"]}
    further = sections["Becoming a paid peer support worker"]
    assert further["items"] == [
        "Active listening and communication skills",
        "The key principles of recovery and recovery focused support",
        "How to share lived experience safely with colleagues and in peer support relationships",
        "Completing a reflective practice work placement booklet to ensure they have met the "
        "course competencies",
        "Recovery focused note writing.",
    ]
    assert "For successful applicants" in further["text"]
    outcomes = sections["Learning outcomes"]["items"]
    assert len(outcomes) == 4


def test_imroc_is_ten_days_of_two_unnamed_modules_with_eighty_percent_attendance() -> None:
    imroc = TEMPLATES[IMROC]
    assert (imroc["weeks"], imroc["days_per_week"], imroc["modules_per_day"]) == (10, 1, 2)
    assert (imroc["day_starts"], imroc["day_ends"]) == ("10:00", "16:00")
    assert len(imroc["modules"]) == 16 and {m["title"] for m in imroc["modules"]} == {""}
    assert {(m["prep_hours"], m["teaching_hours"]) for m in imroc["modules"]} == {("1", "2.5")}
    assert imroc["attendance_threshold"] == 80
    assert [a["title"] for a in imroc["assessments"]] == ["Assignment"]
    assert imroc["placement"]["required"] is False  # an "opportunity", no number of days
    assert imroc["certificates"] == []  # the source names an accreditation, no certificate
    assert imroc["delivery_mode"] == "online"


def test_the_eleven_session_course_is_its_sources_sessions_in_order() -> None:
    course = TEMPLATES[COURSE]
    titles = [m["title"] for m in course["modules"]]
    assert titles == [
        "",
        "What is Recovery?",
        "Personal Recovery",
        "What is Peer Support?",
        "The Peer Relationship",
        "Review and Evaluation",
        "Use of Language and Communications",
        "Using Your Experiences Effectively",
        "Surviving and Thriving",
        "Positive Risk Taking and Boundaries",
        "Review and Evaluation",
    ]
    assert course["modules_per_day"] == 1  # each of the source's sessions is one session
    assert [c["title"] for c in course["certificates"]] == ["Certificate"]
    assert course["organisation_specific"] == []
    assert course["accreditation"] == ""
