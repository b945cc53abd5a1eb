"""Templates do not restate who may do what: a role is never spelled as a string there.

Whether a page shows a link or a section for a role is decided in code and handed to the
template (a value from the view or presenter, or `may_open(request, "app:page")`, which
reads the page's own access policy). A template comparing `"psw" in request.roles` would
quietly disagree with the code the day a role's rule changes.
"""

import re
from pathlib import Path

from peerpath.core.roles import Role

APP_ROOT = Path(__file__).resolve().parents[1]
_VALUES = "|".join(re.escape(role.value) for role in Role)
ROLE_AS_STRING = re.compile(
    rf"""["']({_VALUES})["']\s+(not\s+)?in\s+[\w.]*roles\b"""
    rf"""|\broles?\b[\w.]*\s*(==|!=)\s*["']({_VALUES})["']"""
    rf"""|["']({_VALUES})["']\s*(==|!=)\s*[\w.]*roles?\b"""
)


def role_strings(source: str) -> list[str]:
    return [line.strip() for line in source.splitlines() if ROLE_AS_STRING.search(line)]


def test_the_lint_catches_a_role_spelled_as_a_string() -> None:
    caught = [
        '{% if "psw" in request.roles %}',
        "{% if 'supervisor' not in request.roles %}",
        '{% if membership.role == "org_admin" %}',
    ]
    allowed = ["{% if takes_referrals %}", '{{ "trainee" if n == 1 else "trainees" }}']
    assert role_strings("\n".join(caught + allowed)) == caught


def test_no_template_spells_a_role_as_a_string() -> None:
    templates = sorted(APP_ROOT.glob("**/jinja2/**/*.jinja")) + sorted(
        APP_ROOT.glob("**/templates/**/*.html")
    )
    assert templates, "no templates found"
    offenders = {
        str(path.relative_to(APP_ROOT)): found
        for path in templates
        if (found := role_strings(path.read_text()))
    }
    assert offenders == {}
