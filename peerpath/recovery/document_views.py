"""The recovery plan, advance statement and crisis plan: one set of views for the three.

The kind is a slug in the URL (`recovery-plan`, `advance-statement`, `crisis-plan`); an
unknown slug is a 404. Pages under `plans/<kind>/` exist once the document has a first
version; the first version is written at `plans/new/?kind=<slug>`, so a person's id in the
URL never reaches another person's document.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from peerpath.caseload.models import Person
from peerpath.caseload.scoping import CASELOAD_ROLES, RECORD_READERS, person_view
from peerpath.core.access import roles
from peerpath.core.formpage import form_status, posted
from peerpath.core.forms import add_service_errors
from peerpath.core.http import OrgRequest
from peerpath.core.once import creates_once
from peerpath.core.versioning import EditConflict, show_conflict

from . import goal_pages, selectors, services
from .documents import EMERGENCY, SAMARITANS, Kind, compare, kind_for, kind_for_slug
from .forms import CompareForm, DocumentForm
from .models import Document, DocumentVersion, ProposalStatus


def _about(what: str) -> Callable[..., str]:
    """The audit reason of a document page: `what`, with the document's name as `{title}`
    and the URL's other arguments by name."""

    def reason(*, kind: str, **kwargs: Any) -> str:
        named = kind_for_slug(kind)
        return what.format(title=named.title if named else "plan", **kwargs)

    return reason


def _kind_or_404(slug: str) -> Kind:
    """The kind named in the URL (after the person: an unknown kind is still a read)."""
    kind = kind_for_slug(slug)
    if kind is None:
        raise Http404
    return kind


def _common(person: Person, kind: Kind) -> dict[str, object]:
    return {
        "person": person,
        "kind": kind,
        "samaritans": SAMARITANS,
        "emergency": EMERGENCY,
        "today": timezone.localdate(),
    }


def _is_overdue(version: DocumentVersion) -> bool:
    return version.review_on is not None and version.review_on < timezone.localdate()


@roles(*RECORD_READERS)
@require_http_methods(["GET"])
@person_view("plans", read_only=True)
def plan_list(request: OrgRequest, person: Person) -> HttpResponse:
    return TemplateResponse(
        request,
        "recovery/plan_list.jinja",
        {
            "person": person,
            "rows": selectors.plan_rows(person),
            "today": timezone.localdate(),
            "proposals": [
                (proposal, kind_for(proposal.kind))
                for proposal in selectors.proposals_of(person)
                .filter(status=ProposalStatus.WAITING)
                .select_related("proposed_by")
            ],
        },
    )


def _document_form(
    request: OrgRequest, person: Person, kind: Kind, document: Document | None
) -> HttpResponse:
    """The form for the next version (the first when there is no document yet)."""
    based_on = document.current_version if document else 0
    current = selectors.document_version(document, based_on) if document else None
    initial: dict[str, object] = {"based_on": based_on}
    if current is not None:
        initial.update(current.content)
        initial["review_on"] = current.review_on
    form = DocumentForm(
        posted(request),
        kind=kind,
        person_name=person.display_name,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            version = services.document_save(
                person=person,
                kind=kind,
                content=form.content(),
                review_on=form.cleaned_data["review_on"],
                change_note=form.cleaned_data["change_note"],
                written_together=form.cleaned_data["written_together"],
                expected_version=form.cleaned_data["based_on"],
                by=request.user,
                request=request,
            )
        except EditConflict as conflict:
            document = selectors.document_for_person(person, kind)
            show_conflict(
                form,
                conflict,
                what=f"a new version of this {kind.title} (version {conflict.latest})",
                field="based_on",
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Version {version.number} of the {kind.title} saved.")
            return redirect("recovery:document-detail", person=person.pk, kind=kind.slug)
    return TemplateResponse(
        request,
        "recovery/document_form.jinja",
        {**_common(person, kind), "form": form, "document": document, "current": current},
        status=form_status(form),
    )


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@creates_once
@person_view("write a first version of a plan")
def document_create(request: OrgRequest, person: Person) -> HttpResponse:
    kind = kind_for_slug(request.GET.get("kind", ""))
    if kind is None:
        return redirect("recovery:plan-list", person=person.pk)
    document = selectors.document_for_person(person, kind)
    if document is not None and document.current_version and request.method == "GET":
        return redirect("recovery:document-edit", person=person.pk, kind=kind.slug)
    # A POST after someone else wrote the first version is refused as a conflict: it was
    # based on no version at all.
    return _document_form(request, person, kind, document)


@roles(*RECORD_READERS)
@require_http_methods(["GET"])
@person_view(_about("{title}"), read_only=True)
def document_detail(request: OrgRequest, person: Person, kind: str) -> HttpResponse:
    found_kind = _kind_or_404(kind)
    document = selectors.document_or_404(person, found_kind)
    current = selectors.document_version(document, document.current_version)
    return TemplateResponse(
        request,
        "recovery/document_detail.jinja",
        {
            **_common(person, found_kind),
            "document": document,
            "version": current,
            "overdue": _is_overdue(current),
            "sections": [(s, current.content.get(s.key, "")) for s in found_kind.sections],
            "proposals": selectors.proposals_waiting_for(person, found_kind),
        },
    )


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@person_view(_about("update the {title}"))
def document_edit(request: OrgRequest, person: Person, kind: str) -> HttpResponse:
    found_kind = _kind_or_404(kind)
    document = selectors.document_or_404(person, found_kind)
    return _document_form(request, person, found_kind, document)


@roles(*RECORD_READERS)
@require_http_methods(["GET"])
@person_view(_about("{title} history"), read_only=True)
def document_history(request: OrgRequest, person: Person, kind: str) -> HttpResponse:
    found_kind = _kind_or_404(kind)
    document = selectors.document_or_404(person, found_kind)
    versions = selectors.document_versions(document)
    numbers = [v.number for v in versions]
    form = CompareForm(
        initial={"old": max(document.current_version - 1, 1), "new": document.current_version},
        numbers=sorted(numbers),
    )
    return TemplateResponse(
        request,
        "recovery/document_history.jinja",
        {**_common(person, found_kind), "document": document, "versions": versions, "form": form},
    )


@roles(*RECORD_READERS)
@require_http_methods(["GET"])
@person_view(_about("{title}, version {number}"), read_only=True)
def document_version(request: OrgRequest, person: Person, kind: str, number: int) -> HttpResponse:
    found_kind = _kind_or_404(kind)
    document = selectors.document_or_404(person, found_kind)
    version = selectors.document_version(document, number)
    return TemplateResponse(
        request,
        "recovery/document_version.jinja",
        {
            **_common(person, found_kind),
            "document": document,
            "version": version,
            "superseded": version.number < document.current_version,
            "sections": [(s, version.content.get(s.key, "")) for s in found_kind.sections],
        },
    )


@roles(*RECORD_READERS)
@require_http_methods(["GET"])
@person_view(_about("compare {title} versions"), read_only=True)
def document_compare(request: OrgRequest, person: Person, kind: str) -> HttpResponse:
    found_kind = _kind_or_404(kind)
    document = selectors.document_or_404(person, found_kind)
    current = document.current_version
    numbers = list(range(1, current + 1))
    query = request.GET if "old" in request.GET or "new" in request.GET else None
    form = CompareForm(query, numbers=numbers, initial={"old": max(current - 1, 1), "new": current})
    old, new = max(current - 1, 1), current
    if query is not None and form.is_valid():
        old, new = sorted((form.cleaned_data["old"], form.cleaned_data["new"]))
        if old == new:
            form.add_error("new", "Choose two different versions to compare.")
    changes, span = [], []
    if not form.errors and old != new:
        span = selectors.document_versions_between(document, old, new)
        first, last = span[0], span[-1]
        changes = compare(found_kind, first.content, last.content)
    return TemplateResponse(
        request,
        "recovery/document_compare.jinja",
        {
            **_common(person, found_kind),
            "document": document,
            "form": form,
            "old": span[0] if span else None,
            "new": span[-1] if span else None,
            "span": span[1:],
            "changes": changes,
        },
        status=form_status(form),
    )


@roles(*RECORD_READERS)
@require_http_methods(["GET"])
@person_view(_about("{title} PDF"), read_only=True)
def document_pdf(request: OrgRequest, person: Person, kind: str) -> HttpResponse:
    found_kind = _kind_or_404(kind)
    document = selectors.document_or_404(person, found_kind)
    version = selectors.document_version(document, document.current_version)
    return goal_pages.plan_pdf_response(
        request,
        person,
        found_kind,
        document,
        version,
        filename=f"{found_kind.slug}-{person.pk}-version-{version.number}.pdf",
    )
