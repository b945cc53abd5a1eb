"""A worker's wellbeing stays theirs (issue 12 point 5; ADR-020; hazard H13).

"Nothing here ever appears in performance views, reports or exports":

- by construction: only the wellbeing app itself, supervision (which reads the parts a
  worker shares with their supervisor, through `shared_with_supervisor`) and the workspace
  (the worker's own home section) import `peerpath.wellbeing` (read with `ast`, as
  test_layering.py reads imports);
- by a canary crawl: a different canary in every part of a plan and in a check-in, then
  every URL of the access walk, and every download, PDF or export linked from those pages,
  fetched as every role: the unshared canaries appear only to the worker; the one part the
  worker shares appears to nobody else but their supervisor;
- audit rows never carry the words.
"""

import ast
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import Resolver404, resolve

from peerpath.core.models import AuditEvent
from peerpath.core.roles import Role
from peerpath.supervision.models import SupervisionAgreement
from peerpath.wellbeing import services
from peerpath.wellbeing.parts import PART_KEYS
from peerpath.wellbeing.selectors import SharedPart, shared_with_supervisor

from .access_walk import _url, iter_routes, route_policy
from .reachability import _Links
from .walk_world import EXAMPLES, personas

# The apps that may read a worker's wellbeing: its own, supervision (only what the worker
# shares, for their supervisor) and the workspace (the worker's own home section).
MAY_IMPORT_WELLBEING = ("peerpath.wellbeing", "peerpath.supervision", "peerpath.workspace")
ROOT = Path(__file__).resolve().parents[2]
# Outside the layers: the settings that install the app, the URLconf that routes to its
# pages and the demo that seeds it.
ALSO_ALLOWED = (
    "peerpath.config.settings.base",
    "peerpath.config.urls",
    "peerpath.nonprod.wellbeing_demo",
)


def wellbeing_importers(root: Path) -> set[str]:
    """Every module under `root` (a directory holding peerpath/) that imports
    peerpath.wellbeing: by an import statement, relative or not, or by a dotted string.
    Tests and migrations are not counted."""
    found = set()
    for path in sorted((root / "peerpath").rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        if "tests" in parts or "migrations" in parts:
            continue
        module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        package = module if parts[-1] == "__init__" else module.rsplit(".", 1)[0]
        for node in ast.walk(ast.parse(path.read_text())):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                names = [f"{base}.{node.module or ''}" if node.level else node.module or ""]
                names += [f"{name}.{alias.name}" for name in names[:1] for alias in node.names]
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                names = [node.value]
            if any((name + ".").startswith("peerpath.wellbeing.") for name in names):
                found.add(module)
    return found


def _allowed(module: str) -> bool:
    return module in ALSO_ALLOWED or (module + ".").startswith(
        tuple(app + "." for app in MAY_IMPORT_WELLBEING)
    )


def test_only_wellbeing_supervision_and_the_workspace_import_wellbeing() -> None:
    importers = wellbeing_importers(ROOT)
    assert "peerpath.workspace.home" in importers  # the check finds what is there
    assert sorted(m for m in importers if not _allowed(m)) == []


def test_the_import_check_would_catch_a_report_reading_wellbeing(tmp_path: Path) -> None:
    reports = tmp_path / "peerpath" / "workforce"
    reports.mkdir(parents=True)
    (reports / "reports.py").write_text("from peerpath.wellbeing.models import CheckIn\n")
    (reports / "export.py").write_text("from peerpath import wellbeing\n")
    (reports / "dashboard.py").write_text('NAME = "peerpath.wellbeing.selectors"\n')
    found = wellbeing_importers(tmp_path)
    assert found == {
        "peerpath.workforce.reports",
        "peerpath.workforce.export",
        "peerpath.workforce.dashboard",
    }
    assert not any(_allowed(m) for m in found)


# --- the canary crawl ----------------------------------------------------------------------

CANARIES = {key: f"CANARY-wellbeing-{key}-7f3a" for key in PART_KEYS}
CHECK_IN_CANARY = "CANARY-wellbeing-check-in-7f3a"
SHARED_PART = "helps_at_work"
DOWNLOADS = (".pdf", ".csv", ".json", "/pdf/", "/file/", "/download/", "export", "format=")


class _FakeHTML:
    """Stands in for weasyprint.HTML: the "PDF" is the HTML it was made from, so the crawl
    reads every PDF's words (a real PDF's text is in font subsets, not searchable)."""

    def __init__(self, *, string: str, **_: Any) -> None:
        self.string = string

    def write_pdf(self, *_: Any, **__: Any) -> bytes:
        return b"%PDF-1.7 fake\n" + self.string.encode()


def _body(response: Any) -> str:
    if getattr(response, "streaming", False):
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    return content.decode("utf-8", errors="replace")


def _linked_downloads(page_url: str, body: str) -> set[str]:
    """Downloads and exports, and pages with a query, that a page links to."""
    parser = _Links()
    parser.feed(body)
    found = set()
    for target, fetch in parser.targets:
        parts = urlsplit(urljoin(page_url, target))
        if not fetch or parts.netloc not in ("", "testserver"):
            continue
        local = parts.path + (f"?{parts.query}" if parts.query else "")
        if parts.query or local.endswith(DOWNLOADS) or any(d in local for d in DOWNLOADS):
            try:
                resolve(parts.path)
            except Resolver404:
                continue
            found.add(local)
    return found


def canaries_seen(client: Any, urls: list[str]) -> dict[str, set[str]]:
    """URL -> the canaries in its answer, for every URL and every download it links to."""
    seen: dict[str, set[str]] = {}
    extra: set[str] = set()
    every = [*CANARIES.values(), CHECK_IN_CANARY]
    for url in urls:
        response = client.get(url)
        body = _body(response)
        seen[url] = {c for c in every if c in body}
        if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
            extra |= _linked_downloads(url, body)
    for url in sorted(extra - seen.keys()):
        seen[url] = {c for c in every if c in _body(client.get(url))}
    return seen


@pytest.fixture(autouse=True)
def _reauthentication_lasts_the_walk(settings: Any) -> None:
    settings.ACCOUNT_REAUTHENTICATION_TIMEOUT = 3600


@pytest.mark.django_db
@pytest.mark.hazard("H13")
def test_a_workers_wellbeing_canary_is_seen_by_them_alone_and_a_shared_part_by_their_supervisor(
    walk_world: Any, client_for: Any, monkeypatch: Any
) -> None:
    import weasyprint

    monkeypatch.setattr(weasyprint, "HTML", _FakeHTML)
    world = walk_world
    psw, supervisor = world.user(Role.PSW), world.user(Role.SUPERVISOR)
    if not SupervisionAgreement.objects.filter(worker=psw, supervisor=supervisor).exists():
        SupervisionAgreement.objects.create(
            organisation=world.organisation,
            worker=psw,
            supervisor=supervisor,
            kind="managerial",
            where="Team base",
            what_is_recorded="Actions and themes",
            confidentiality_limits="Safeguarding concerns are shared",
            starts_on=world.relationship.referred_on,
        )
    plan = world.wellbeing_version.plan
    services.plan_save(
        organisation=world.organisation,
        content={key: f"My words {canary}" for key, canary in CANARIES.items()},
        shared=[SHARED_PART],
        expected_version=plan.current_version,
        by=psw,
    )
    services.check_in_add(
        organisation=world.organisation,
        data={"on": world.relationship.first_met_on, "how_i_am": f"Low {CHECK_IN_CANARY}"},
        by=psw,
    )
    # The selector the supervision app shows: the shared part, and nothing else.
    assert shared_with_supervisor(world.organisation, psw.pk) == [
        SharedPart("What helps me at work", f"My words {CANARIES[SHARED_PART]}")
    ]

    urls = [
        _url(route, example.kwargs(world) if example else {}, None)
        for route in iter_routes()
        for example in [EXAMPLES.get(route.name)]
        if route_policy(route) is not None and (example is not None or not route.kwarg_names)
    ]
    unshared = {*CANARIES.values(), CHECK_IN_CANARY} - {CANARIES[SHARED_PART]}
    worker_saw: set[str] = set()
    leaks: list[str] = []
    for persona in personas(world, client_for):
        for url, found in canaries_seen(persona.client, urls).items():
            if persona.key == str(Role.PSW):
                worker_saw |= found
                continue
            allowed = {CANARIES[SHARED_PART]} if persona.key == str(Role.SUPERVISOR) else set()
            if found - allowed:
                leaks.append(f"{persona.key} saw {sorted(found - allowed)} at {url}")
    assert leaks == []
    # The crawl reaches the worker's own pages, so a clean crawl for everyone else means
    # something.
    assert worker_saw == unshared | {CANARIES[SHARED_PART]}
    # Audit rows carry no words of it.
    for event in AuditEvent.objects.all():
        row = " ".join((event.object_label, event.reason, event.path))
        assert not any(c in row for c in [*CANARIES.values(), CHECK_IN_CANARY])
