"""On a phone-sized screen no page scrolls sideways (WCAG 2.2, 1.4.10 Reflow): every table
either stacks on small screens (`nhsuk-table-responsive`) or sits in a box that scrolls
sideways on its own (`pp-table-scroll`, peerpath.scss). A browser check of real pages at
375 px is in tests/system/test_small_screens.py."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TABLE = re.compile(r"<table\b[^>]*>", re.S)
BOX = '<div class="pp-table-scroll">'

# Tables narrow enough for any screen, with why.
NARROW = {
    # Two columns: a statement's text (which wraps) and a short status.
    "learning/jinja2/learning/booklet_coverage.jinja",
}


def tables_outside_a_box(text: str) -> int:
    return sum(
        1
        for match in TABLE.finditer(text)
        if "nhsuk-table-responsive" not in match.group(0)
        and not text[: match.start()].endswith(BOX)
    )


def test_every_table_stacks_or_scrolls_in_its_own_box() -> None:
    found = []
    for path in sorted(ROOT.rglob("*.jinja")):
        name = path.relative_to(ROOT).as_posix()
        if name in NARROW:
            continue
        if count := tables_outside_a_box(path.read_text()):
            found.append(f"{name}: {count} table(s)")
    assert found == [], "Tables that would make a small screen scroll sideways:\n" + "\n".join(
        found
    )


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ('<table class="nhsuk-table"><tr><td>1</td></tr></table>', 1),
        (BOX + '<table class="nhsuk-table"></table></div>', 0),
        ('<table class="nhsuk-table-responsive"></table>', 0),
        (BOX + "<table></table></div><p>and</p><table></table>", 1),
    ],
)
def test_the_check_finds_a_table_outside_a_box(text: str, count: int) -> None:
    assert tables_outside_a_box(text) == count
