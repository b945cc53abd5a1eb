"""The curriculum data file is faithful to the source document.

Normalisation is the only liberty taken: lines that the PDF extraction wrapped are joined
(with no space after a line-end hyphen, as in "non-\\ndirective"), and runs of white space
become one space. Everything else must match the document word for word.
"""

import json
import re
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).resolve().parents[1] / "data"
SOURCE = DATA / "source" / "competence-framework-part3-curriculum.txt"
CURRICULUM = json.loads((DATA / "curriculum.json").read_text(encoding="utf-8"))
STATEMENT_START = re.compile(r"^\s*(Ability|Knowledge|An ability)\b")


def normalise(text: str) -> str:
    text = re.sub(r"-[ \t]*\n[ \t\n]*", "-", text)
    return re.sub(r"\s+", " ", text).strip()


SOURCE_TEXT = SOURCE.read_text(encoding="utf-8")
BODY_START = SOURCE_TEXT.index("Curriculum for peer support workers")
NORMALISED = normalise(SOURCE_TEXT)
NORMALISED_BODY = normalise(SOURCE_TEXT[BODY_START:])
# Bullets and page-break markers sit between the words of the document: drop them too.
FLAT_BODY = re.sub(r"\s*[•]\s*|\s+o\s+(?=[a-z(])", " ", NORMALISED_BODY)


def units() -> list[dict[str, Any]]:
    return [unit for section in CURRICULUM["sections"] for unit in section["units"]]


def statements() -> list[dict[str, Any]]:
    return [statement for unit in units() for statement in unit["statements"]]


def walk_points(points: list[dict[str, Any]], depth: int = 1) -> list[tuple[int, str]]:
    found = []
    for point in points:
        found.append((depth, point["text"]))
        found.extend(walk_points(point["points"], depth + 1))
    return found


def test_five_sections_and_thirty_units_each_with_aims() -> None:
    assert [s["number"] for s in CURRICULUM["sections"]] == [1, 2, 3, 4, 5]
    codes = [unit["code"] for unit in units()]
    assert codes == [
        *[f"1.{n}" for n in range(1, 9)],
        *[f"2.{n}" for n in range(1, 7)],
        *[f"3.{n}" for n in range(1, 12)],
        "4.1",
        "4.2",
        "5.1",
        "5.2",
        "5.3",
    ]
    assert all(unit["aims"] for unit in units())
    assert all(unit["statements"] for unit in units())


def test_section_three_has_its_two_areas_in_order() -> None:
    section = CURRICULUM["sections"][2]
    areas = [unit["area"] for unit in section["units"]]
    assert (
        areas
        == ["Supporting people as a peer support worker"] * 7
        + ["Working with teams and promoting people’s rights"] * 4
    )
    assert {
        unit["area"] for s in CURRICULUM["sections"] if s["number"] != 3 for unit in s["units"]
    } == {None}


def test_references_number_statements_in_order_within_each_unit() -> None:
    for unit in units():
        refs = [s["ref"] for s in unit["statements"]]
        assert refs == [f"{unit['code']}.{n}" for n in range(1, len(refs) + 1)]


@pytest.mark.parametrize("statement", statements(), ids=lambda s: s["ref"])
def test_every_statement_and_bullet_is_in_the_document(statement: dict[str, Any]) -> None:
    assert normalise(statement["text"]) in FLAT_BODY
    for _depth, text in walk_points(statement["points"]):
        assert normalise(text) in FLAT_BODY, text
    if statement["group"]:
        assert statement["group"] in NORMALISED_BODY


def test_titles_aims_and_outline_wording_are_the_documents() -> None:
    for section in CURRICULUM["sections"]:
        assert f"Section {section['number']}: {section['title']}" in NORMALISED_BODY
        outline = section["outline_title"] or section["title"]
        assert f"Section {section['number']}: {outline}" in NORMALISED
    for unit in units():
        assert f"UNIT {unit['code']}: {unit['title']}" in NORMALISED_BODY
        outline = unit["outline_title"] or unit["title"]
        assert f"UNIT {unit['code']} {outline}" in NORMALISED
        assert f"Aims: {unit['aims']}" in NORMALISED_BODY


def test_where_outline_and_body_differ_both_wordings_are_kept() -> None:
    by_code = {unit["code"]: unit for unit in units()}
    assert (
        by_code["1.4"]["title"] == "Knowledge of local services, and sources of mental health care"
    )
    assert (
        by_code["1.4"]["outline_title"]
        == "Knowledge of local services and sources of mental health care"
    )
    assert (
        by_code["3.11"]["outline_title"]
        == "An ability to promote the rights of people being supported"
    )
    sections = {s["number"]: s for s in CURRICULUM["sections"]}
    assert sections[2]["title"] == "Communication and engagement skills"
    assert sections[2]["outline_title"] == "Core relational skills"


def test_repeated_statements_are_kept_once_per_occurrence() -> None:
    unit_52 = next(unit for unit in units() if unit["code"] == "5.2")
    repeated = "Ability to explore and address any barriers to participation in the group"
    assert [s["ref"] for s in unit_52["statements"] if s["text"] == repeated] == ["5.2.4", "5.2.8"]


def test_every_ability_or_knowledge_paragraph_of_the_body_is_accounted_for_in_order() -> None:
    """Each body line that starts a statement or sub-heading matches the data, in order."""
    subheadings = {s["group"] for s in statements() if s["group"]}
    expected = []
    for line in SOURCE_TEXT[BODY_START:].splitlines():
        if STATEMENT_START.match(line) and not line.strip().startswith("Ability to draw on:"):
            expected.append(normalise(line))
    in_data = []
    seen_groups: set[str] = set()
    for statement in statements():
        group = statement["group"]
        if group and group not in seen_groups and STATEMENT_START.match(group):
            seen_groups.add(group)
            in_data.append(group)
        if STATEMENT_START.match(statement["text"]):
            in_data.append(statement["text"])
    assert len(expected) == len(in_data)
    for line, text in zip(expected, in_data, strict=True):
        assert text.startswith(line) or line in subheadings, (line, text)


def test_sub_bullets_go_two_levels_deep_where_the_document_nests_them() -> None:
    by_ref = {s["ref"]: s for s in statements()}
    nested = by_ref["2.1.3"]["points"]
    assert [p["text"] for p in nested[1]["points"]] == [
        "recovery is about living a meaningful, satisfying and purposeful life",
        "recovery is unique to each person",
    ]
    assert len(nested[2]["points"]) == 4
    depths = {depth for s in statements() for depth, _ in walk_points(s["points"])}
    assert depths == {1, 2}


def test_sub_headings_group_the_statements_under_them() -> None:
    by_ref = {s["ref"]: s for s in statements()}
    assert by_ref["1.6.1"]["group"] is None
    assert by_ref["1.6.2"]["group"] == by_ref["1.6.3"]["group"] == "Informed consent"
    assert by_ref["1.6.10"]["group"] == "Sharing information"
    assert by_ref["2.5.14"]["group"] == "Overcoming barriers to communication"
    assert {s["group"] for s in statements() if s["ref"].startswith("2.6.")} == {
        "Knowledge of the significance for practice of specific beliefs, practices and lifestyles",
        "Knowledge of social and cultural factors that may have an impact on access to support",
        "Communicating respect for a person and their family or carers",
        "Gaining an understanding of the experience of specific beliefs, practices and lifestyles",
        "Demonstrating awareness of the influence of the peer support worker’s own background",
    }


def test_overarching_aims_objectives_and_strategy_are_the_documents() -> None:
    for key in ("aims", "objectives", "teaching_strategy"):
        items = CURRICULUM[key]
        assert items, key
        for item in items:
            assert normalise(item["text"]) in NORMALISED
            for _depth, text in walk_points(item["points"]):
                assert normalise(text) in re.sub(r"\s*•\s*", " ", NORMALISED)
    assert len(CURRICULUM["objectives"][0]["points"]) == 9


def test_every_bullet_and_sub_bullet_of_the_body_is_in_the_data() -> None:
    body_lines = SOURCE_TEXT[BODY_START:].splitlines()
    bullets = sum(line.strip().startswith("•") for line in body_lines)
    sub_bullets = sum(bool(re.match(r"^\s*o\s", line)) for line in body_lines)
    depths = [depth for s in statements() for depth, _ in walk_points(s["points"])]
    assert (depths.count(1), depths.count(2)) == (bullets, sub_bullets)
