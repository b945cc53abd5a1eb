"""Imports run in one direction only (ADR-016): each layer imports only from layers above it
in `LAYERS` (the lower layers), never from its own layer's other apps or from below it.

Every module under peerpath/ is read with `ast`: imports at module level and inside
functions, and imports by string (a dotted path such as `"peerpath.x.y"` handed to
`import_string` or `import_module`, and app labels handed to `apps.get_model` or to a
model field such as `ForeignKey("accounts.User")`). Imports only for type checking
(`if TYPE_CHECKING:`) are annotations, not dependencies, and are not counted.

Templates follow the same order: a Jinja template extends, includes or imports only its
own app's templates and lower apps' (a template directory belongs to the app that holds
it). A template named at run time (`{% include section.template %}`) is not checked.

Not checked: tests (an app's `tests/` and peerpath/tests/ may import anything), the demo
seed (`nonprod`), settings and the URLconf (`config`), and migrations (generated).
Within one app, modules import each other freely.
"""

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PEERPATH = ROOT / "peerpath"

# From the bottom up. A name is an app (`caseload`) or a module of one (`jobs.reminders`);
# a module belongs to the longest name that starts it. Apps on one line are independent:
# they import neither each other nor anything on a later line.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("core",),  # roles, access, audit, forms, the request and its actor
    ("jobs",),  # the job queue and email (the scheduled work itself is near the top)
    ("accounts",),  # users, log-in, two-factor
    ("organisations",),  # organisations, teams, memberships, invitations
    ("framework", "directory"),  # the competence framework; the services directory
    ("training",),  # programmes, cohorts, assessment, placements, graduation
    ("workforce",),  # posts, vacancies and applications to them; employment records
    ("recruitment",),  # applications and selection; ends by enrolling into a cohort
    ("caseload",),  # people supported, referrals, the peer relationship, the one check
    ("recovery",),  # goals, plans, documents
    ("contacts",),  # contact notes, appointments, signposting (uses recovery's goals)
    ("governance", "groups"),  # consent, safeguarding, disclosures; peer groups
    # A worker's own wellbeing (private to them); reflective practice and forums
    ("wellbeing", "forums"),
    ("supervision",),  # agreements, sessions, actions (reads only what wellbeing shares)
    # direct observation, the competence record, plans for a concern; induction, CPD
    ("observation", "learning"),
    # who has seen a record and urgent access; a person's rights (a copy, corrections,
    # retention), which read every record about a person
    ("oversight", "rights"),
    ("jobs.periodic", "jobs.reminders"),  # the scheduled work, across the apps below
    ("workspace",),  # pages that bring several apps together: home pages, the person page
)
NOT_CHECKED = ("tests", "nonprod", "config")

# Upward imports that other work of issue 11 removes; empty this list as it lands. The
# test fails if an entry no longer occurs, so the list cannot outlive the imports.
# Each entry: (importing module, imported module).
KNOWN_UPWARD: frozenset[tuple[str, str]] = frozenset()


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, e.g. peerpath.caseload.views
    imported: str  # e.g. peerpath.governance.selectors
    line: int


def _app_labels() -> dict[str, str]:
    """App label -> app name, for string references such as "accounts.User"."""
    return {
        path.name: path.name
        for path in PEERPATH.iterdir()
        if path.is_dir() and (path / "apps.py").exists()
    }


STRING_MODULE = re.compile(r"peerpath(\.[A-Za-z_][A-Za-z0-9_]*)+")
MODEL_LABEL = re.compile(r"([a-z_]+)\.[A-Za-z][A-Za-z0-9_]*")
MODEL_FIELDS = {"ForeignKey", "OneToOneField", "ManyToManyField"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _callee(node: ast.Call) -> str:
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _walk(node: ast.AST) -> Iterator[ast.AST]:
    """Every node, skipping the bodies of `if TYPE_CHECKING:`."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _is_type_checking(child):
            for other in child.orelse:
                yield other
                yield from _walk(other)
            continue
        yield child
        yield from _walk(child)


def imports_of(
    source: str, module: str, labels: dict[str, str], *, is_package: bool = False
) -> list[Import]:
    package = module if is_package else module.rsplit(".", 1)[0]
    found: list[Import] = []
    for node in _walk(ast.parse(source)):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
            names = [f"{base}.{node.module or ''}".rstrip(".") if node.level else node.module or ""]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if STRING_MODULE.fullmatch(node.value):
                names = [node.value]
        elif isinstance(node, ast.Call) and node.args:
            first = node.args[0]
            wants_label = _callee(node) == "get_model" or _callee(node) in MODEL_FIELDS
            if wants_label and isinstance(first, ast.Constant) and isinstance(first.value, str):
                label = first.value.split(".")[0]
                if label in labels and (
                    MODEL_LABEL.fullmatch(first.value) or _callee(node) == "get_model"
                ):
                    names = [f"peerpath.{labels[label]}.models"]
        found.extend(
            Import(module, name, getattr(node, "lineno", 0))
            for name in names
            if name.startswith("peerpath.")
        )
    return found


def layer_of(module: str) -> int | None:
    """The index in LAYERS of the longest name that starts `module`; None if unchecked."""
    name = module.removeprefix("peerpath.")
    best: tuple[int, int] | None = None  # (length of the matching name, layer)
    for index, layer in enumerate(LAYERS):
        for entry in layer:
            if (name == entry or name.startswith(entry + ".")) and (
                best is None or len(entry) > best[0]
            ):
                best = (len(entry), index)
    return best[1] if best else None


def _app(module: str) -> str:
    return module.split(".")[1] if module.count(".") >= 1 else module


def is_unchecked(module: str) -> bool:
    parts = module.split(".")[1:]
    return not parts or parts[0] in NOT_CHECKED or "tests" in parts or "migrations" in parts


def upward(found: Import) -> bool:
    """Whether `found` imports from its own layer's other apps or from a layer above."""
    if is_unchecked(found.module) or _app(found.module) == _app(found.imported):
        return False
    own, theirs = layer_of(found.module), layer_of(found.imported)
    if theirs is None:  # a module no layer names, e.g. the root package
        return False
    if own is None:
        raise AssertionError(f"{found.module} is in no layer: add its app to LAYERS")
    return theirs >= own


def all_imports() -> list[Import]:
    labels = _app_labels()
    return [
        found
        for path in sorted(PEERPATH.rglob("*.py"))
        for found in imports_of(
            path.read_text(), _module_name(path), labels, is_package=path.name == "__init__.py"
        )
    ]


def upward_imports() -> dict[tuple[str, str], list[int]]:
    """(importing module, imported module) -> the lines, for every upward import."""
    found: dict[tuple[str, str], list[int]] = {}
    for imp in all_imports():
        if upward(imp):
            found.setdefault((imp.module, imp.imported), []).append(imp.line)
    return found


TEMPLATE_REFERENCE = re.compile(r"""{%-?\s*(?:extends|include|import|from)\s+["']([^"']+)["']""")


def template_owners() -> dict[str, str]:
    """Template directory -> the app that holds it (`peerpath/<app>/jinja2/<directory>/`)."""
    return {
        directory.name: directory.parts[-3]
        for directory in sorted(PEERPATH.glob("*/jinja2/*"))
        if directory.is_dir()
    }


def upward_templates(sources: dict[Path, str], owners: dict[str, str]) -> list[tuple[str, str]]:
    """(template, the template it names) for each reference to a higher or neighbouring app."""
    found: list[tuple[str, str]] = []
    for path, source in sources.items():
        app = path.relative_to(PEERPATH).parts[0]
        for name in TEMPLATE_REFERENCE.findall(source):
            owner = owners.get(name.split("/")[0])
            if owner is None or owner == app:
                continue
            if upward(Import(f"peerpath.{app}.templates", f"peerpath.{owner}.templates", 0)):
                found.append((str(path.relative_to(PEERPATH)), name))
    return found


# --- the checks ------------------------------------------------------------------------


def test_every_app_is_in_a_layer() -> None:
    named = {entry.split(".")[0] for layer in LAYERS for entry in layer}
    apps_here = set(_app_labels()) - set(NOT_CHECKED)
    assert apps_here - named == set()


def test_no_module_imports_upwards() -> None:
    unexpected = [
        f"{module} (line {', '.join(map(str, lines))}) imports {imported}"
        for (module, imported), lines in sorted(upward_imports().items())
        if (module, imported) not in KNOWN_UPWARD
    ]
    assert unexpected == []


def test_every_known_upward_import_still_occurs() -> None:
    """Remove an entry from KNOWN_UPWARD as soon as its import is gone."""
    assert KNOWN_UPWARD - upward_imports().keys() == set()


def test_no_template_extends_or_includes_upwards() -> None:
    sources = {path: path.read_text() for path in sorted(PEERPATH.glob("*/jinja2/**/*.jinja"))}
    assert sources, "no templates found"
    assert upward_templates(sources, template_owners()) == []


# --- the checker itself ------------------------------------------------------------------

LABELS = {"accounts": "accounts", "caseload": "caseload", "governance": "governance"}


def test_it_finds_imports_at_module_level_in_functions_and_by_string() -> None:
    source = """
from peerpath.governance import selectors as governance
import peerpath.accounts.models
from .models import Person

def section(request):
    from peerpath.governance.sharing import may_share
    return import_string("peerpath.governance.home.section")

class Note(models.Model):
    by = models.ForeignKey("accounts.User", on_delete=models.PROTECT)

def model():
    return apps.get_model("governance", "SharingConsent")
"""
    found = [i.imported for i in imports_of(source, "peerpath.caseload.home", LABELS)]
    assert found == [
        "peerpath.governance",
        "peerpath.accounts.models",
        "peerpath.caseload.models",
        "peerpath.governance.sharing",
        "peerpath.governance.home.section",
        "peerpath.accounts.models",
        "peerpath.governance.models",
    ]


def test_it_skips_imports_only_for_type_checking() -> None:
    source = """
from typing import TYPE_CHECKING
if TYPE_CHECKING:
    from peerpath.governance.models import SharingConsent
"""
    assert imports_of(source, "peerpath.caseload.models", LABELS) == []


def test_upward_means_a_later_layer_or_a_neighbour_on_the_same_one() -> None:
    assert upward(Import("peerpath.caseload.home", "peerpath.governance.selectors", 1))
    assert upward(Import("peerpath.governance.views", "peerpath.groups.models", 1))
    assert not upward(Import("peerpath.governance.views", "peerpath.caseload.scoping", 1))
    assert not upward(Import("peerpath.caseload.views", "peerpath.caseload.home", 1))
    assert not upward(Import("peerpath.caseload.tests.world", "peerpath.workspace.home", 1))
    assert not upward(Import("peerpath.nonprod.demo", "peerpath.workspace.home", 1))


def test_a_module_named_in_the_layers_outranks_its_app() -> None:
    assert layer_of("peerpath.jobs.reminders") == layer_of("peerpath.jobs.periodic")
    assert layer_of("peerpath.jobs.mail") == layer_of("peerpath.jobs")
    assert upward(Import("peerpath.jobs.mail", "peerpath.caseload.models", 1))
    assert not upward(Import("peerpath.jobs.reminders", "peerpath.caseload.models", 1))
    assert upward(Import("peerpath.accounts.adapter", "peerpath.jobs.reminders", 1))


def test_it_finds_a_template_that_includes_a_higher_apps() -> None:
    owners = {"core": "core", "layouts": "core", "caseload": "caseload", "workspace": "workspace"}
    home = PEERPATH / "core" / "jinja2" / "core" / "home.jinja"
    person = PEERPATH / "workspace" / "jinja2" / "workspace" / "person_detail.jinja"
    sources = {
        home: '{% extends "layouts/base.jinja" %}{% include "caseload/_psw_home.jinja" %}',
        person: '{% extends "caseload/person_base.jinja" %}{% include section.template %}',
    }
    assert upward_templates(sources, owners) == [
        ("core/jinja2/core/home.jinja", "caseload/_psw_home.jinja")
    ]
