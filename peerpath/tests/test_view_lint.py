"""Views never query models directly: they go through selectors, which scope by organisation.

Like Zulip's lint against `Message.objects.get` in views: a direct query in a view is the
usual way another organisation's data leaks.
"""

import re
from pathlib import Path

from django.apps import apps

APP_ROOT = Path(__file__).resolve().parents[1]
DIRECT_QUERY = re.compile(r"\.objects\b|\.raw\(|\.extra\(")


def direct_queries(source: str) -> list[str]:
    return [line.strip() for line in source.splitlines() if DIRECT_QUERY.search(line)]


def test_the_lint_catches_a_direct_query() -> None:
    assert direct_queries("team = Team.objects.get(pk=pk)\nreturn render(r)") == [
        "team = Team.objects.get(pk=pk)"
    ]


def test_no_view_module_queries_models_directly() -> None:
    # PeerPath's apps as Django knows them (the app registry), not a list kept by hand.
    roots = [Path(c.path) for c in apps.get_app_configs() if c.name.startswith("peerpath.")]
    modules = [m for root in roots for m in sorted(root.glob("*views.py"))]
    modules += [m for root in roots for m in sorted(root.glob("views/*.py"))]
    assert modules, "no view modules found"
    offenders = {
        str(path.relative_to(APP_ROOT)): found
        for path in modules
        if (found := direct_queries(path.read_text()))
    }
    assert offenders == {}
