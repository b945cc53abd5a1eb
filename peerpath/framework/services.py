"""Import and export the competence framework as structured data."""

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.db import transaction

from peerpath.core.audit import audit
from peerpath.core.models import AuditAction

from .models import (
    Area,
    Framework,
    MappingKind,
    Section,
    Statement,
    StatementGroup,
    StatementMapping,
    Unit,
)

if TYPE_CHECKING:
    from peerpath.accounts.models import User

DATA_FILE = Path(__file__).resolve().parent / "data" / "curriculum.json"


class FrameworkDataError(ValueError):
    """The data does not describe a framework PeerPath can import; says where and why."""


def canonical_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def content_hash(data: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json(data).encode("utf-8")).hexdigest()


def load_data_file(path: Path = DATA_FILE) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise FrameworkDataError(f"{path}: {error}") from error
    if not isinstance(data, dict):
        raise FrameworkDataError(f"{path}: the top level must be an object")
    return data


def _require(mapping: Any, key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if not isinstance(mapping, dict) or key not in mapping:
        raise FrameworkDataError(f"{where}: missing “{key}”")
    value = mapping[key]
    if not isinstance(value, kind):
        raise FrameworkDataError(f"{where}.{key}: has the wrong type")
    if isinstance(value, str) and not value.strip() and key not in ("outline_title",):
        raise FrameworkDataError(f"{where}.{key}: is empty")
    return value


def _check_points(points: Any, where: str, depth: int = 1) -> None:
    if not isinstance(points, list):
        raise FrameworkDataError(f"{where}: points must be a list")
    for n, point in enumerate(points):
        _require(point, "text", str, f"{where}[{n}]")
        children = _require(point, "points", list, f"{where}[{n}]")
        if children and depth >= 2:
            raise FrameworkDataError(f"{where}[{n}]: sub-bullets go two levels deep at most")
        _check_points(children, f"{where}[{n}].points", depth + 1)


def validate(data: dict[str, Any]) -> None:
    """Check the shape export_framework writes; raise FrameworkDataError naming the place."""
    for key in ("name", "part"):
        _require(data, key, str, "framework")
    version = _require(data, "version", int, "framework")
    if version < 1:
        raise FrameworkDataError("framework.version: must be 1 or more")
    for key in ("aims", "objectives", "teaching_strategy", "sections"):
        _require(data, key, list, "framework")
    refs: set[str] = set()
    codes: set[str] = set()
    for s, section in enumerate(data["sections"]):
        where = f"sections[{s}]"
        _require(section, "number", int, where)
        _require(section, "title", str, where)
        for u, unit in enumerate(_require(section, "units", list, where)):
            uwhere = f"{where}.units[{u}]"
            code = _require(unit, "code", str, uwhere)
            if code in codes:
                raise FrameworkDataError(f"{uwhere}.code: unit {code} appears twice")
            codes.add(code)
            for key in ("title", "aims"):
                _require(unit, key, str, uwhere)
            for n, statement in enumerate(_require(unit, "statements", list, uwhere)):
                swhere = f"{uwhere}.statements[{n}]"
                ref = _require(statement, "ref", str, swhere)
                if ref != f"{code}.{n + 1}":
                    raise FrameworkDataError(f"{swhere}.ref: expected {code}.{n + 1}, not {ref}")
                if ref in refs:
                    raise FrameworkDataError(f"{swhere}.ref: {ref} appears twice")
                refs.add(ref)
                _require(statement, "text", str, swhere)
                _check_points(statement.get("points"), f"{swhere}.points")


def _flatten(points: list[dict[str, Any]]) -> list[str]:
    texts = []
    for point in points:
        texts.append(point["text"])
        texts.extend(_flatten(point["points"]))
    return texts


def search_text_of(text: str, points: list[dict[str, Any]]) -> str:
    return " ".join([text, *_flatten(points)]).lower()


def framework_import(data: dict[str, Any], *, by: "User | None" = None) -> tuple[Framework, bool]:
    """Import a framework version; return it and whether anything was created.

    The same version with the same content changes nothing. The same version with other
    content is refused (a revision needs a new version number). A new version becomes the
    current one; the earlier versions and everything pointing at them stay as they were,
    and statements kept under the same reference are mapped to their successors.
    """
    validate(data)
    digest = content_hash(data)
    with transaction.atomic():
        existing = (
            Framework.objects.select_for_update()
            .filter(name=data["name"], part=data["part"], version=data["version"])
            .first()
        )
        if existing is not None:
            if existing.content_sha256 != digest:
                raise FrameworkDataError(
                    f"Version {data['version']} of this framework is already imported with "
                    "different content. Give the revised framework a new version number."
                )
            return existing, False
        previous = Framework.objects.filter(
            name=data["name"], part=data["part"], is_current=True
        ).first()
        if previous is not None and previous.version > data["version"]:
            raise FrameworkDataError(
                f"Version {previous.version} is already current; "
                f"an older version ({data['version']}) cannot replace it."
            )
        if previous is not None:
            previous.is_current = False
            previous.save(update_fields=["is_current"])
        framework = Framework.objects.create(
            name=data["name"],
            part=data["part"],
            version=data["version"],
            source=data.get("source") or "",
            publication_note=data.get("publication_note") or "",
            aims=data["aims"],
            objectives=data["objectives"],
            teaching_strategy=data["teaching_strategy"],
            content_sha256=digest,
            is_current=True,
        )
        _create_rows(framework, data["sections"])
        if previous is not None:
            _map_by_reference(previous, framework)
        audit(
            None,
            action=AuditAction.CREATE,
            obj=framework,
            actor=by,
            reason=f"framework version {framework.version} imported",
        )
    return framework, True


def _create_rows(framework: Framework, sections: list[dict[str, Any]]) -> None:
    unit_order = 0
    for section_data in sections:
        section = Section.objects.create(
            framework=framework,
            number=section_data["number"],
            title=section_data["title"],
            outline_title=section_data.get("outline_title") or "",
        )
        areas: dict[str, Area] = {}
        for unit_data in section_data["units"]:
            area = None
            if unit_data.get("area"):
                if unit_data["area"] not in areas:
                    areas[unit_data["area"]] = Area.objects.create(
                        framework=framework,
                        section=section,
                        title=unit_data["area"],
                        order=len(areas) + 1,
                    )
                area = areas[unit_data["area"]]
            unit_order += 1
            unit = Unit.objects.create(
                framework=framework,
                section=section,
                area=area,
                code=unit_data["code"],
                order=unit_order,
                title=unit_data["title"],
                outline_title=unit_data.get("outline_title") or "",
                aims=unit_data["aims"],
            )
            groups: dict[str, StatementGroup] = {}
            statements = []
            for number, statement_data in enumerate(unit_data["statements"], start=1):
                group = None
                if statement_data.get("group"):
                    title = statement_data["group"]
                    if title not in groups:
                        groups[title] = StatementGroup.objects.create(
                            framework=framework, unit=unit, title=title, order=len(groups) + 1
                        )
                    group = groups[title]
                statements.append(
                    Statement(
                        framework=framework,
                        unit=unit,
                        group=group,
                        number=number,
                        ref=statement_data["ref"],
                        text=statement_data["text"],
                        points=statement_data["points"],
                        search_text=search_text_of(
                            statement_data["text"], statement_data["points"]
                        ),
                    )
                )
            Statement.objects.bulk_create(statements)


def _map_by_reference(previous: Framework, current: Framework) -> None:
    old = {s.ref: s for s in Statement.objects.filter(framework=previous)}
    mappings = []
    for statement in Statement.objects.filter(framework=current):
        before = old.get(statement.ref)
        if before is None:
            continue
        same = before.text == statement.text and before.points == statement.points
        mappings.append(
            StatementMapping(
                from_statement=before,
                to_statement=statement,
                kind=MappingKind.UNCHANGED if same else MappingKind.REVISED,
                note="" if same else "matched by reference when the new version was imported",
            )
        )
    StatementMapping.objects.bulk_create(mappings)


def statement_map(
    *,
    from_statement: Statement,
    to_statement: Statement,
    kind: str,
    note: str = "",
    by: "User | None" = None,
) -> StatementMapping:
    """Record by hand how a statement of one version corresponds to one of another."""
    if from_statement.framework_id == to_statement.framework_id:
        raise FrameworkDataError("A mapping joins statements of two different versions.")
    with transaction.atomic():
        mapping, _ = StatementMapping.objects.update_or_create(
            from_statement=from_statement,
            to_statement=to_statement,
            defaults={"kind": kind, "note": note},
        )
        audit(None, action=AuditAction.UPDATE, obj=mapping, actor=by, reason=f"mapped as {kind}")
    return mapping
