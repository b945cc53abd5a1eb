import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from peerpath.framework.models import (
    Framework,
    MappingKind,
    Section,
    Statement,
    StatementGroup,
    StatementMapping,
    Unit,
)
from peerpath.framework.selectors import framework_export
from peerpath.framework.services import FrameworkDataError, framework_import, statement_map

pytestmark = pytest.mark.django_db

MODELS = (Framework, Section, Unit, StatementGroup, Statement, StatementMapping)


def row_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_import_framework_loads_everything_and_twice_changes_nothing() -> None:
    first = run("import_framework")
    assert "30 units, 213 statements" in first
    counts = row_counts()
    assert counts == {
        "Framework": 1,
        "Section": 5,
        "Unit": 30,
        "StatementGroup": 9,
        "Statement": 213,
        "StatementMapping": 0,
    }
    snapshot = list(Statement.objects.order_by("pk").values_list("pk", "ref", "text", "points"))
    assert "nothing changed" in run("import_framework")
    assert row_counts() == counts
    assert (
        list(Statement.objects.order_by("pk").values_list("pk", "ref", "text", "points"))
        == snapshot
    )


def test_export_json_round_trips_through_import(tmp_path: Path, curriculum: dict[str, Any]) -> None:
    run("import_framework")
    exported = json.loads(run("export_framework", "--format", "json"))
    assert exported == curriculum
    path = tmp_path / "exported.json"
    path.write_text(json.dumps(exported), encoding="utf-8")
    counts = row_counts()
    assert "nothing changed" in run("import_framework", "--file", str(path))
    assert row_counts() == counts


def test_export_has_the_documented_shape(framework: Framework) -> None:
    data = framework_export(framework)
    assert {"name", "version", "aims", "objectives", "teaching_strategy", "sections"} <= set(data)
    section = data["sections"][2]
    assert set(section) == {"number", "title", "outline_title", "units"}
    unit = section["units"][4]
    assert set(unit) == {"code", "title", "outline_title", "area", "aims", "statements"}
    assert unit["code"] == "3.5" and unit["outline_title"] is None
    assert unit["area"] == "Supporting people as a peer support worker"
    statement = unit["statements"][2]
    assert statement == {
        "ref": "3.5.3",
        "text": (
            "Ability to help people develop an advance directive or statement, where appropriate"
        ),
        "group": None,
        "points": [],
    }


def test_export_csv_has_one_row_per_statement(framework: Framework) -> None:
    import csv

    rows = list(csv.DictReader(io.StringIO(run("export_framework", "--format", "csv"))))
    assert len(rows) == 213
    row = next(r for r in rows if r["ref"] == "2.1.3")
    assert row["unit"] == "2.1"
    assert "• what recovery looks like will vary from person to person and that:" in row["points"]
    assert "  o recovery is unique to each person" in row["points"]


def test_a_revised_framework_is_a_new_version_and_old_records_keep_their_statements(
    framework: Framework, curriculum: dict[str, Any]
) -> None:
    old_353 = Statement.objects.get(framework=framework, ref="3.5.3")
    old_111 = Statement.objects.get(framework=framework, ref="1.1.1")
    revised = curriculum
    revised["version"] = 2
    unit_35 = revised["sections"][2]["units"][4]
    unit_35["statements"][2]["text"] = "Ability to help people write an advance statement"
    new, created = framework_import(revised)
    assert created and new.version == 2 and new.is_current
    framework.refresh_from_db()
    assert not framework.is_current
    # The old statement and its words are untouched; the new version has its own row.
    old_353.refresh_from_db()
    assert old_353.text.startswith("Ability to help people develop an advance directive")
    assert Statement.objects.filter(ref="3.5.3").count() == 2
    forward = {m.from_statement_id: m for m in StatementMapping.objects.all()}
    assert forward[old_353.pk].kind == MappingKind.REVISED
    assert (
        forward[old_353.pk].to_statement.text == "Ability to help people write an advance statement"
    )
    assert forward[old_111.pk].kind == MappingKind.UNCHANGED
    assert len(forward) == 213


def test_mappings_can_be_recorded_by_hand(framework: Framework, curriculum: dict[str, Any]) -> None:
    curriculum["version"] = 2
    new, _ = framework_import(curriculum)
    old = Statement.objects.get(framework=framework, ref="5.2.8")
    target = Statement.objects.get(framework=new, ref="5.2.4")
    mapping = statement_map(
        from_statement=old, to_statement=target, kind=MappingKind.MERGED, note="repeat of 5.2.4"
    )
    assert (mapping.kind, mapping.note) == ("merged", "repeat of 5.2.4")
    with pytest.raises(FrameworkDataError, match="two different versions"):
        statement_map(from_statement=old, to_statement=old, kind=MappingKind.UNCHANGED)


def test_the_same_version_with_other_content_is_refused(
    framework: Framework, curriculum: dict[str, Any]
) -> None:
    curriculum["sections"][0]["units"][0]["statements"][0]["text"] = "Changed quietly"
    counts = row_counts()
    with pytest.raises(FrameworkDataError, match="new version number"):
        framework_import(curriculum)
    assert row_counts() == counts


def test_an_older_version_cannot_replace_the_current_one(
    framework: Framework, curriculum: dict[str, Any]
) -> None:
    curriculum["version"] = 3
    framework_import(curriculum)
    curriculum["version"] = 2
    with pytest.raises(FrameworkDataError, match="cannot replace"):
        framework_import(curriculum)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("sections"), "missing “sections”"),
        (lambda d: d.update(version=0), "must be 1 or more"),
        (
            lambda d: d["sections"][0]["units"][0]["statements"][1].update(ref="1.1.9"),
            "expected 1.1.2, not 1.1.9",
        ),
        (
            lambda d: d["sections"][1]["units"][0]["statements"][2]["points"][1]["points"][
                0
            ].update(points=[{"text": "too deep", "points": []}]),
            "two levels deep at most",
        ),
        (lambda d: d["sections"][0]["units"][0].update(title=" "), "title: is empty"),
    ],
)
def test_bad_data_is_refused_with_a_clear_message_and_nothing_saved(
    db: Any, curriculum: dict[str, Any], change: Any, message: str
) -> None:
    change(curriculum)
    with pytest.raises(FrameworkDataError, match=message):
        framework_import(curriculum)
    assert Framework.objects.count() == 0


def test_import_command_explains_a_broken_file(db: Any, tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match=r"broken\.json"):
        run("import_framework", "--file", str(path))


def test_export_command_says_when_nothing_is_imported(db: Any) -> None:
    with pytest.raises(CommandError, match="run import_framework"):
        run("export_framework")
