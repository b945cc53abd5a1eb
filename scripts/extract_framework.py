"""Write the curriculum data file from the text of the source document.

    .venv/bin/python scripts/extract_framework.py > peerpath/framework/data/curriculum.json

The source is `peerpath/framework/data/source/competence-framework-part3-curriculum.txt`,
the text of The Competence Framework for Mental Health Peer Support Workers, Part 3:
Curriculum, as a PDF extraction left it: lines wrapped mid-sentence, `•` and `o` bullets,
page breaks marked by a leading space. This script joins the lines back into paragraphs
and bullets; it never rewords. Its output was then read against the document line by line,
and `peerpath/framework/tests/test_data_file.py` checks it stays faithful.

The handful of things a machine cannot tell from layout alone are listed here by hand:
the sub-headings inside units and where each part of the document starts.
"""

import json
import re
import sys
from pathlib import Path
from typing import Any

SOURCE = (
    Path(__file__).resolve().parents[1]
    / "peerpath/framework/data/source/competence-framework-part3-curriculum.txt"
)

# Sub-headings that group statements inside a unit (read off the document).
SUB_HEADINGS = {
    "1.6": ("Informed consent", "Confidentiality and information sharing", "Sharing information"),
    "2.5": ("Overcoming barriers to communication",),
    "2.6": (
        "Knowledge of the significance for practice of specific beliefs, practices and lifestyles",
        "Knowledge of social and cultural factors that may have an impact on access to support",
        "Communicating respect for a person and their family or carers",
        "Gaining an understanding of the experience of specific beliefs, practices and lifestyles",
        "Demonstrating awareness of the influence of the peer support worker’s own background",
    ),
}
AREAS = (
    "Supporting people as a peer support worker",
    "Working with teams and promoting people’s rights",
)
# Words a competence statement starts with; a wrapped line never starts with them.
STATEMENT_START = re.compile(r"^(Ability|Knowledge|An ability|Where |To gain )")


def clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def join(lines: list[str]) -> str:
    """Join wrapped lines: a line ending in a hyphen runs on without a space."""
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if not out:
            out = line
        elif out.endswith("-") and not out.endswith(" -"):
            out += line
        else:
            out += " " + line
    return clean(out)


def read_lines() -> list[str]:
    return [line.rstrip() for line in SOURCE.read_text(encoding="utf-8").splitlines()]


def between(lines: list[str], start: str, end: str) -> list[str]:
    first = next(i for i, line in enumerate(lines) if line.strip() == start)
    last = next(i for i, line in enumerate(lines) if i > first and line.strip() == end)
    return lines[first + 1 : last]


def blocks(lines: list[str]) -> list[dict[str, Any]]:
    """Paragraphs with their bullets, for the aims, objectives and teaching strategy."""
    items: list[dict[str, Any]] = []
    current: list[str] = []
    target: dict[str, Any] | None = None
    bullet: list[str] | None = None

    def flush_bullet() -> None:
        nonlocal bullet
        if bullet is not None and target is not None:
            target["points"].append({"text": join(bullet), "points": []})
        bullet = None

    def flush_paragraph() -> None:
        nonlocal current, target
        if current:
            target = {"text": join(current), "points": []}
            items.append(target)
        current = []

    for raw in lines:
        line = raw.strip()
        if line.startswith("•"):
            flush_paragraph()
            flush_bullet()
            bullet = [line[1:]]
        elif not line:
            # A bullet stays open across blank lines: the extraction sometimes puts one
            # inside a wrapped bullet ("engage effectively with" / "" / "people").
            flush_paragraph()
        elif bullet is not None and (line[0].islower() or line[0] in "(‘"):
            bullet.append(line)
        else:
            flush_bullet()
            current.append(line)
    flush_paragraph()
    flush_bullet()
    return items


def outline(lines: list[str]) -> tuple[dict[str, str], dict[str, str]]:
    """Section and unit titles as the outline at the top of the document words them."""
    part = between(lines, "Outline structure of the curriculum", "Overarching aims and objectives")
    sections: dict[str, str] = {}
    units: dict[str, str] = {}
    key: tuple[str, str] | None = None
    buffer: list[str] = []

    def flush() -> None:
        if key is not None:
            (sections if key[0] == "section" else units)[key[1]] = join(buffer)

    for raw in part:
        line = raw.strip()
        section = re.match(r"^Section (\d): (.*)$", line)
        unit = re.match(r"^UNIT (\d+\.\d+) (.*)$", line)
        if section or unit:
            flush()
            match = section or unit
            assert match is not None
            key = ("section" if section else "unit", match.group(1))
            buffer = [match.group(2)]
        elif not line or line.startswith(
            (
                "Supporting people",
                "as a peer",
                "worker",
                "Working with",
                "and promoting",
                "people’s rights",
            )
        ):
            flush()
            key, buffer = None, []
        elif key is not None:
            buffer.append(line)
    flush()
    return sections, units


def curriculum(lines: list[str]) -> list[dict[str, Any]]:
    start = next(
        i for i, line in enumerate(lines) if line.strip() == "Curriculum for peer support workers"
    )
    body = lines[start + 1 :]
    sections: list[dict[str, Any]] = []
    section: dict[str, Any] | None = None
    unit: dict[str, Any] | None = None
    area: str | None = None
    mode = ""  # section-title, unit-title, aims, statements
    group: str | None = None
    statement: dict[str, Any] | None = None
    text: list[str] | None = None  # the lines of whatever is being read
    point: dict[str, Any] | None = None
    subpoint: dict[str, Any] | None = None
    previous_blank = True

    def close_text() -> None:
        nonlocal text
        if text is None:
            return
        joined = join(text)
        if subpoint is not None:
            subpoint["text"] = joined
        elif point is not None:
            point["text"] = joined
        elif statement is not None:
            statement["text"] = joined
        text = None

    for raw in body:
        line = raw.strip()
        blank = not line
        section_match = re.match(r"^Section (\d): (.*)$", line)
        unit_match = re.match(r"^UNIT (\d+\.\d+): (.*)$", line)
        if section_match:
            close_text()
            section = {
                "number": int(section_match.group(1)),
                "title_lines": [section_match.group(2)],
                "units": [],
            }
            sections.append(section)
            mode, area, unit = "section-title", None, None
        elif line in AREAS:
            close_text()
            area, mode = line, ""
        elif unit_match:
            close_text()
            assert section is not None
            unit = {
                "code": unit_match.group(1),
                "title_lines": [unit_match.group(2)],
                "area": area,
                "aims_lines": [],
                "statements": [],
            }
            section["units"].append(unit)
            mode, group, statement, point, subpoint = "unit-title", None, None, None, None
        elif line.startswith("Aims:"):
            assert unit is not None
            unit["aims_lines"].append(line[len("Aims:") :])
            mode = "aims"
        elif re.match(r"^Competences covered in this unit:?$", line):
            mode = "statements"
        elif mode == "section-title":
            if blank:
                mode = ""
            else:
                assert section is not None
                section["title_lines"].append(line)
        elif mode == "unit-title":
            assert unit is not None
            unit["title_lines"].append(line)
        elif mode == "aims":
            if blank:
                mode = ""
            else:
                assert unit is not None
                unit["aims_lines"].append(line)
        elif mode == "statements":
            assert unit is not None
            if blank:
                previous_blank = True
                continue
            if line in SUB_HEADINGS.get(unit["code"], ()):
                close_text()
                group, statement, point, subpoint = line, None, None, None
            elif line.startswith("•"):
                close_text()
                assert statement is not None, line
                point, subpoint = {"text": "", "points": []}, None
                statement["points"].append(point)
                text = [line[1:]]
            elif re.match(r"^o\s", line):
                close_text()
                assert point is not None, line
                subpoint = {"text": "", "points": []}
                point["points"].append(subpoint)
                text = [line[1:]]
            elif STATEMENT_START.match(line) or text is None:
                close_text()
                statement = {"text": "", "group": group, "points": []}
                unit["statements"].append(statement)
                point, subpoint = None, None
                text = [line]
            else:
                assert text is not None
                text.append(line)
        previous_blank = blank
    close_text()
    del previous_blank
    return sections


def build() -> dict[str, Any]:
    lines = read_lines()
    outline_sections, outline_units = outline(lines)
    intro = between(lines, "competence framework", "http://www.ucl.ac.uk/core/competenceframeworks")
    aims = between(lines, "Aims", "Objectives")
    objectives = between(lines, "Objectives", "Learning and teaching strategy")
    strategy_start = next(
        i for i, line in enumerate(lines) if line.strip() == "Learning and teaching strategy"
    )
    strategy_end = next(
        i for i, line in enumerate(lines) if line.strip() == "Curriculum for peer support workers"
    )
    strategy_lines = lines[strategy_start + 1 : strategy_end]
    teaching: list[dict[str, Any]] = []
    heading: str | None = None
    chunk: list[str] = []
    for raw in strategy_lines:
        if raw.strip() in (
            "Usual structure of training",
            "Assessment of competence/training evaluation",
        ):
            for item in blocks(chunk):
                teaching.append({"heading": heading, **item})
            heading, chunk = raw.strip(), []
        else:
            chunk.append(raw)
    for item in blocks(chunk):
        teaching.append({"heading": heading, **item})

    out_sections = []
    for section in curriculum(lines):
        title = join(section["title_lines"])
        outline_title = outline_sections[str(section["number"])]
        units = []
        for unit in section["units"]:
            unit_title = join(unit["title_lines"])
            unit_outline = outline_units[unit["code"]]
            units.append(
                {
                    "code": unit["code"],
                    "title": unit_title,
                    "outline_title": None if unit_outline == unit_title else unit_outline,
                    "area": unit["area"],
                    "aims": join(unit["aims_lines"]),
                    "statements": [
                        {
                            "ref": f"{unit['code']}.{n}",
                            "text": s["text"],
                            "group": s["group"],
                            "points": s["points"],
                        }
                        for n, s in enumerate(unit["statements"], start=1)
                    ],
                }
            )
        out_sections.append(
            {
                "number": section["number"],
                "title": title,
                "outline_title": None if outline_title == title else outline_title,
                "units": units,
            }
        )
    return {
        "name": "The Competence Framework for Mental Health Peer Support Workers",
        "part": "Part 3: Curriculum",
        "version": 1,
        "source": "www.ucl.ac.uk/core/competenceframeworks",
        "publication_note": " ".join(item["text"] for item in blocks(intro)),
        "aims": blocks(aims),
        "objectives": blocks(objectives),
        "teaching_strategy": teaching,
        "sections": out_sections,
    }


if __name__ == "__main__":
    json.dump(build(), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
