"""The competence framework pages: for staff and trainees, and published ones for everyone.

Staff and trainees read it at /framework/. An organisation may also publish it at
/published/<organisation>/framework/, readable without signing in.
"""

import json
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from peerpath.core.access import public, roles
from peerpath.core.audit import audit
from peerpath.core.http import no_personal_data, search_text
from peerpath.core.models import AuditAction
from peerpath.core.roles import STAFF_ROLES, Role
from peerpath.organisations.selectors import organisation_publishing_framework

from . import selectors
from .models import Framework

READERS = (*sorted(STAFF_ROLES), Role.TRAINEE)
SEARCH_PAGE_SIZE = 50


@dataclass(frozen=True)
class Links:
    """Where the framework pages link to: the staff pages, or one organisation's public ones."""

    organisation_slug: str = ""
    version: int | None = None

    def _url(self, name: str, **kwargs: Any) -> str:
        if self.organisation_slug:
            kwargs["organisation"] = self.organisation_slug
            url = reverse(f"framework:published-{name}", kwargs=kwargs)
        else:
            url = reverse(f"framework:{name}", kwargs=kwargs or None)
        return f"{url}?version={self.version}" if self.version else url

    def overview(self) -> str:
        return self._url("overview")

    def unit(self, code: str) -> str:
        return self._url("unit", code=code)

    def statement(self, ref: str) -> str:
        code, _, _ = ref.rpartition(".")
        return f"{self.unit(code)}#statement-{ref}"

    def search(self) -> str:
        return self._url("search")

    def print(self) -> str:
        return self._url("print")

    @property
    def is_public(self) -> bool:
        return bool(self.organisation_slug)


def _version(request: HttpRequest) -> int | None:
    value = request.GET.get("version", "")
    return int(value) if value.isdigit() else None


def _framework_and_links(request: HttpRequest, organisation: str = "") -> tuple[Framework, Links]:
    version = _version(request)
    framework = selectors.framework_get(version)
    return framework, Links(organisation, version if not framework.is_current else None)


def _published(organisation: str) -> Any:
    published = organisation_publishing_framework(organisation)
    if published is None:
        raise Http404("This organisation does not publish the framework.")
    return published


def _overview(request: HttpRequest, organisation: str = "") -> HttpResponse:
    framework, links = _framework_and_links(request, organisation)
    return TemplateResponse(
        request,
        "framework/overview.jinja",
        {
            "framework": framework,
            "outline": selectors.framework_outline(framework),
            "versions": selectors.framework_versions(framework),
            "links": links,
        },
    )


def _unit(request: HttpRequest, code: str, organisation: str = "") -> HttpResponse:
    framework, links = _framework_and_links(request, organisation)
    unit = selectors.unit_get(framework, code)
    before, after = selectors.unit_neighbours(framework, unit)
    return TemplateResponse(
        request,
        "framework/unit_detail.jinja",
        {
            "framework": framework,
            "unit": unit,
            "statements": selectors.unit_statements(unit),
            "before": before,
            "after": after,
            "links": links,
        },
    )


def _search(request: HttpRequest, organisation: str = "") -> HttpResponse:
    framework, links = _framework_and_links(request, organisation)
    query = search_text(request, limit=200)
    page = Paginator(selectors.statement_search(framework, query), SEARCH_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return TemplateResponse(
        request,
        "framework/search.jinja",
        {"framework": framework, "query": query, "page": page, "links": links},
    )


def _print(request: HttpRequest, organisation: str = "") -> HttpResponse:
    framework, links = _framework_and_links(request, organisation)
    return TemplateResponse(
        request,
        "framework/print.jinja",
        {
            "framework": framework,
            "outline": selectors.framework_outline(framework),
            "units": selectors.curriculum_units(framework),
            "links": links,
        },
    )


@roles(*READERS)
@require_http_methods(["GET"])
def overview(request: HttpRequest) -> HttpResponse:
    return _overview(request)


@roles(*READERS)
@require_http_methods(["GET"])
def unit(request: HttpRequest, code: str) -> HttpResponse:
    return _unit(request, code)


@roles(*READERS)
@require_http_methods(["GET"])
def statement(request: HttpRequest, ref: str) -> HttpResponse:
    """A statement's stable address: its place on the unit page of that version."""
    framework, links = _framework_and_links(request)
    found = selectors.statement_get(framework, ref)
    return redirect(links.statement(found.ref))


@roles(*READERS)
@require_http_methods(["GET"])
def search(request: HttpRequest) -> HttpResponse:
    return _search(request)


@roles(*READERS)
@require_http_methods(["GET"])
def print_view(request: HttpRequest) -> HttpResponse:
    return _print(request)


@roles(*READERS)
@require_http_methods(["GET"])
def export_json(request: HttpRequest) -> HttpResponse:
    framework = selectors.framework_get(_version(request))
    audit(request, action=AuditAction.EXPORT, obj=framework, reason="JSON download")
    response = HttpResponse(
        json.dumps(selectors.framework_export(framework), ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="competence-framework-v{framework.version}.json"'
    )
    return response


@roles(*READERS)
@require_http_methods(["GET"])
def export_csv(request: HttpRequest) -> HttpResponse:
    framework = selectors.framework_get(_version(request))
    audit(request, action=AuditAction.EXPORT, obj=framework, reason="CSV download")
    response = HttpResponse(
        selectors.framework_csv(framework), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="competence-framework-v{framework.version}.csv"'
    )
    return response


@public
@no_personal_data
@require_http_methods(["GET"])
def published_overview(request: HttpRequest, organisation: str) -> HttpResponse:
    _published(organisation)
    return _overview(request, organisation)


@public
@no_personal_data
@require_http_methods(["GET"])
def published_unit(request: HttpRequest, organisation: str, code: str) -> HttpResponse:
    _published(organisation)
    return _unit(request, code, organisation)


@public
@no_personal_data
@require_http_methods(["GET"])
def published_search(request: HttpRequest, organisation: str) -> HttpResponse:
    _published(organisation)
    return _search(request, organisation)


@public
@no_personal_data
@require_http_methods(["GET"])
def published_print(request: HttpRequest, organisation: str) -> HttpResponse:
    _published(organisation)
    return _print(request, organisation)
