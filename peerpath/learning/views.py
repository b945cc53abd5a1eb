"""Learning's pages: a new starter's induction and their reflective practice booklet.

Every page is reached through the worker's current employment record, fetched from
`selectors.learners` (the worker themselves, their supervisors, the peer development team)
and audited at the fetch.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from peerpath.accounts.models import User
from peerpath.core.access import get_in_organisation_or_404, roles
from peerpath.core.formpage import form_page, form_status, posted
from peerpath.core.forms import add_service_errors
from peerpath.core.http import OrgRequest
from peerpath.core.once import creates_once
from peerpath.core.roles import Role
from peerpath.core.versioning import EditConflict, posted_version, show_conflict
from peerpath.framework.models import Statement
from peerpath.framework.selectors import framework_get
from peerpath.workforce.models import EmploymentRecord

from . import selectors, services
from .forms import AddendumForm, BookletEntryForm, InductionItemForm, ReviewForm
from .models import INDUCTION_ITEMS, BookletEntry, EntryStatus, InductionItem

# The worker (an employed peer worker), their supervisor, the peer development team.
LEARNING = (Role.PSW, Role.SUPERVISOR, Role.COORDINATOR)
# Who reviews and signs: the worker's supervisor, or the peer development team.
SIGNERS = (Role.SUPERVISOR, Role.COORDINATOR)
PAGE_SIZE = 25
CHANGED = (
    "This entry was changed while the page was open. Nothing has been overwritten: "
    "the page now shows what is saved."
)


def _me(request: OrgRequest) -> "User":
    if request.actor.user is None:  # pragma: no cover - every view here needs a sign-in
        raise Http404
    return request.actor.user


def _employment(request: OrgRequest, worker: int) -> EmploymentRecord:
    today = timezone.localdate()
    return get_in_organisation_or_404(
        request,
        selectors.learners(actor=request.actor, today=today),
        audit_read=True,
        worker_id=worker,
    )


# --- induction --------------------------------------------------------------------------------


@roles(*LEARNING)
@require_http_methods(["GET"])
def induction(request: OrgRequest, worker: int) -> HttpResponse:
    """The new starter's checklist. It is made the first time anyone opens it."""
    employment = _employment(request, worker)
    found = services.induction_for(employment=employment)
    items = list(selectors.induction_items(found))
    return TemplateResponse(
        request,
        "learning/induction.jinja",
        {
            "employment": employment,
            "induction": found,
            "items": items,
            "done": sum(1 for i in items if i.completed_on),
            "is_own": employment.worker_id == request.actor.user_id,
        },
    )


@roles(*LEARNING)
@require_http_methods(["GET", "POST"])
def induction_item(request: OrgRequest, pk: int) -> HttpResponseBase:
    today = timezone.localdate()
    item: InductionItem = get_in_organisation_or_404(
        request,
        selectors.induction_items_of(actor=request.actor, today=today),
        audit_read=True,
        pk=pk,
    )
    if not request.actor.may("learning.update_induction", item.induction):
        raise Http404
    worker = item.induction.worker_id

    def save(form: InductionItemForm) -> HttpResponseBase:
        services.induction_item_update(
            item=item,
            planned_on=form.cleaned_data["planned_on"],
            completed_on=form.cleaned_data["completed_on"],
            expected_version=form.cleaned_data["version"],
            by=_me(request),
            request=request,
        )
        messages.success(request, "Induction updated.")
        return redirect("learning:induction", worker=worker)

    initial = {
        "planned_on": item.planned_on,
        "completed_on": item.completed_on,
        "version": item.version,
    }
    return form_page(
        request,
        lambda data: InductionItemForm(data, initial=initial),
        "learning/induction_item.jinja",
        {"item": item, "worker": item.induction.worker},
        save=save,
        conflict="this part of the induction",
    )


@roles(*SIGNERS)
@require_http_methods(["GET"])
def new_starters(request: OrgRequest) -> HttpResponse:
    """New starters whose induction is not complete: the peer development team's list
    (a supervisor sees the people they supervise)."""
    rows = selectors.inductions_open(actor=request.actor, today=timezone.localdate())
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request, "learning/new_starters.jinja", {"page": page, "total": len(INDUCTION_ITEMS)}
    )


# --- the booklet ------------------------------------------------------------------------------


def _statements() -> QuerySet[Statement]:
    return selectors.framework_statements(framework_get())


@roles(*LEARNING)
@require_http_methods(["GET"])
def booklet(request: OrgRequest, worker: int) -> HttpResponse:
    employment = _employment(request, worker)
    today = timezone.localdate()
    entries = selectors.booklet(
        worker, selectors.booklet_entries_of(actor=request.actor, today=today)
    )
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "learning/booklet.jinja",
        {
            "employment": employment,
            "page": page,
            "is_own": employment.worker_id == request.actor.user_id,
        },
    )


@roles(*LEARNING)
@require_http_methods(["GET"])
def booklet_coverage(request: OrgRequest, worker: int) -> HttpResponse:
    employment = _employment(request, worker)
    entries = selectors.booklet_entries_of(actor=request.actor, today=timezone.localdate())
    statements = selectors.booklet_coverage(worker, entries, framework_get())
    return TemplateResponse(
        request,
        "learning/booklet_coverage.jinja",
        {
            "employment": employment,
            "statements": statements,
            "signed": sum(1 for s in statements if s.signed),
        },
    )


@roles(*LEARNING)
@require_http_methods(["GET"])
def booklet_print(request: OrgRequest, worker: int) -> HttpResponse:
    employment = _employment(request, worker)
    entries = selectors.booklet_entries_of(actor=request.actor, today=timezone.localdate())
    signed = list(
        selectors.booklet(worker, entries)
        .filter(status=EntryStatus.SIGNED)
        .prefetch_related("addenda__by")
        .order_by("happened_on", "pk")
    )
    return TemplateResponse(
        request,
        "learning/booklet_print.jinja",
        {"employment": employment, "entries": signed, "printed_on": timezone.localdate()},
    )


@roles(Role.PSW)
@require_http_methods(["GET", "POST"])
@creates_once
def booklet_entry_create(request: OrgRequest) -> HttpResponseBase:
    employment = _employment(request, request.actor.user_id or 0)

    def save(form: BookletEntryForm) -> HttpResponseBase:
        entry = services.booklet_entry_create(
            worker=employment.worker,
            organisation_id=employment.organisation_id,
            happened_on=form.cleaned_data["happened_on"],
            what_i_did=form.cleaned_data["what_i_did"],
            reflection=form.cleaned_data["reflection"],
            what_i_learnt=form.cleaned_data["what_i_learnt"],
            statements=form.cleaned_data["statements"],
            request=request,
        )
        messages.success(request, "Entry saved. Send it for review when it is ready.")
        return redirect("learning:booklet-entry", pk=entry.pk)

    statements = _statements()
    return form_page(
        request,
        lambda data: BookletEntryForm(data, statements=statements),
        "learning/booklet_entry_form.jinja",
        {"entry": None, "employment": employment},
        save=save,
    )


def _entry(request: OrgRequest, pk: int) -> BookletEntry:
    return get_in_organisation_or_404(
        request,
        selectors.booklet_entries_of(actor=request.actor, today=timezone.localdate()),
        audit_read=True,
        pk=pk,
    )


@roles(Role.PSW)
@require_http_methods(["GET", "POST"])
def booklet_entry_edit(request: OrgRequest, pk: int) -> HttpResponseBase:
    entry = _entry(request, pk)
    if not request.actor.may("learning.edit_booklet_entry", entry):
        raise Http404

    def save(form: BookletEntryForm) -> HttpResponseBase:
        services.booklet_entry_update(
            entry=entry,
            happened_on=form.cleaned_data["happened_on"],
            what_i_did=form.cleaned_data["what_i_did"],
            reflection=form.cleaned_data["reflection"],
            what_i_learnt=form.cleaned_data["what_i_learnt"],
            statements=form.cleaned_data["statements"],
            expected_version=form.cleaned_data["version"],
            by=_me(request),
            request=request,
        )
        messages.success(request, "Entry saved.")
        return redirect("learning:booklet-entry", pk=entry.pk)

    initial = {
        "happened_on": entry.happened_on,
        "what_i_did": entry.what_i_did,
        "reflection": entry.reflection,
        "what_i_learnt": entry.what_i_learnt,
        "statements": [s.pk for s in entry.statements.all()],
        "version": entry.version,
    }
    statements = _statements()
    return form_page(
        request,
        lambda data: BookletEntryForm(data, statements=statements, initial=initial),
        "learning/booklet_entry_form.jinja",
        {"entry": entry},
        save=save,
        conflict="this entry",
    )


@roles(*LEARNING)
@require_http_methods(["GET", "POST"])
def booklet_entry(request: OrgRequest, pk: int) -> HttpResponseBase:
    """One entry: the worker sends it for review; a signer reviews it and signs it off."""
    entry = _entry(request, pk)
    actor = request.actor
    can_edit = actor.may("learning.edit_booklet_entry", entry)
    can_review = actor.may("learning.review_booklet_entry", entry)
    review_form = ReviewForm(
        posted(request) if "decision" in request.POST else None, initial={"version": entry.version}
    )
    error = ""
    if request.method == "POST":
        try:
            if "submit" in request.POST and can_edit:
                services.booklet_entry_submit(
                    entry=entry,
                    expected_version=posted_version(request.POST),
                    by=_me(request),
                    request=request,
                )
                messages.success(request, "Entry sent for review.")
                return redirect("learning:booklet-entry", pk=entry.pk)
            if "decision" in request.POST and can_review:
                if review_form.is_valid():
                    signed = review_form.cleaned_data["decision"] == "sign"
                    services.booklet_entry_review(
                        entry=entry,
                        comments=review_form.cleaned_data["comments"],
                        sign_off=signed,
                        expected_version=review_form.cleaned_data["version"],
                        by=_me(request),
                        request=request,
                    )
                    messages.success(
                        request,
                        "Entry signed off." if signed else "Entry sent back with your comments.",
                    )
                    return redirect("learning:booklet-entry", pk=entry.pk)
            elif "decision" in request.POST and actor.may("learning.sign_for_worker", entry):
                # Reviewed by someone else since this page was opened.
                review_form.is_valid()
                show_conflict(review_form, EditConflict(entry.version), what="this entry")
            elif not ("decision" in request.POST and can_review):
                raise Http404
        except EditConflict as conflict:
            if "decision" in request.POST:
                show_conflict(review_form, conflict, what="this entry")
            else:
                error = CHANGED
        except ValidationError as exc:
            add_service_errors(review_form, exc)
    return TemplateResponse(
        request,
        "learning/booklet_entry.jinja",
        {
            "entry": entry,
            "statements": list(
                entry.statements.select_related("unit").order_by("unit__order", "number")
            ),
            "reviews": list(entry.reviews.select_related("by")),
            "addenda": list(entry.addenda.select_related("by")),
            "can_edit": can_edit,
            "can_review": can_review,
            "show_review": can_review or bool(review_form.errors),
            "can_add": actor.may("learning.add_addendum", entry),
            "is_own": entry.worker_id == actor.user_id,
            "form": review_form,
            "addendum_form": AddendumForm(),
            "error": error,
        },
        status=400 if error else form_status(review_form),
    )


@roles(*LEARNING)
@require_http_methods(["GET", "POST"])
@creates_once
def booklet_addendum_add(request: OrgRequest, pk: int) -> HttpResponseBase:
    entry = _entry(request, pk)
    if not request.actor.may("learning.add_addendum", entry):
        raise Http404

    def save(form: AddendumForm) -> HttpResponseBase:
        services.booklet_addendum_add(
            entry=entry,
            text=form.cleaned_data["text"],
            by=_me(request),
            request=request,
        )
        messages.success(request, "Addendum added.")
        return redirect("learning:booklet-entry", pk=entry.pk)

    return form_page(
        request, AddendumForm, "learning/booklet_addendum.jinja", {"entry": entry}, save=save
    )


@roles(*SIGNERS)
@require_http_methods(["GET"])
def booklet_review_queue(request: OrgRequest) -> HttpResponse:
    rows = selectors.booklet_review_queue(actor=request.actor, today=timezone.localdate())
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(request, "learning/booklet_review_queue.jinja", {"page": page})
