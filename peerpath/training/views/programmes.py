"""Programme pages for coordinators, trainers and organisation admins."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods, require_POST

from peerpath.core.access import get_in_organisation_or_404, roles
from peerpath.core.formpage import form_page, form_status, posted
from peerpath.core.forms import add_service_errors
from peerpath.core.http import OrgRequest
from peerpath.core.once import creates_once
from peerpath.core.roles import Role
from peerpath.core.versioning import EditConflict, show_conflict
from peerpath.framework.selectors import framework_get
from peerpath.training import selectors, services
from peerpath.training.forms.programmes import CopiedTextForm, ModuleForm, ProgrammeForm
from peerpath.training.models import CopiedText, Module, Programme

VIEWERS = (Role.ORG_ADMIN, Role.COORDINATOR, Role.TRAINER)
EDITORS = (Role.ORG_ADMIN, Role.COORDINATOR)
MAPPERS = (Role.ORG_ADMIN, Role.COORDINATOR, Role.TRAINER)


def _programme(request: OrgRequest, pk: int) -> Programme:
    return get_in_organisation_or_404(
        request,
        selectors.programmes.programmes_visible(actor=request.actor),
        belongs=selectors.programmes.programme_visible,
        pk=pk,
    )


def _own_programme(request: OrgRequest, pk: int) -> Programme:
    """A programme this organisation may change: its own, never a shared template."""
    return get_in_organisation_or_404(
        request, selectors.programmes.own_programmes(actor=request.actor), pk=pk
    )


@roles(*VIEWERS)
@require_http_methods(["GET"])
def programme_list(request: OrgRequest) -> HttpResponse:
    programmes = list(selectors.programmes.programme_list(request.organisation))
    return TemplateResponse(
        request,
        "training/programme_list.jinja",
        {
            "own": [p for p in programmes if not p.is_template],
            "templates": [p for p in programmes if p.is_template],
        },
    )


@roles(*VIEWERS)
@require_http_methods(["GET"])
def programme_detail(request: OrgRequest, pk: int) -> HttpResponse:
    programme = _programme(request, pk)
    assessments = list(programme.assessments.all())
    return TemplateResponse(
        request,
        "training/programme_detail.jinja",
        {
            "programme": programme,
            "modules": selectors.programmes.programme_modules(programme),
            "assessments": assessments,
            "to_graduate": selectors.graduation.requirements(programme, assessments),
            "criteria": list(programme.criteria.all()),
            "coursework": selectors.programmes.programme_coursework(programme),
            "certificates": selectors.programmes.programme_certificates(programme),
            "information": selectors.programmes.programme_information(programme),
            "copied": selectors.programmes.copied_text_counts(programme),
            "can_edit": not programme.is_template and bool(set(EDITORS) & request.roles),
            "can_map": not programme.is_template and bool(set(MAPPERS) & request.roles),
            "can_copy": bool(set(EDITORS) & request.roles),
        },
    )


@roles(*EDITORS)
@require_POST
@creates_once
def programme_copy(request: OrgRequest, pk: int) -> HttpResponse:
    source = _programme(request, pk)
    copy = services.programme_templates.programme_copy(
        source=source, organisation=request.organisation, by=request.actor.user, request=request
    )
    messages.success(request, f"“{copy.title}” is now one of your programmes. Edit it below.")
    return redirect("training:programme-detail", pk=copy.pk)


@roles(*EDITORS)
@require_http_methods(["GET", "POST"])
def programme_edit(request: OrgRequest, pk: int) -> HttpResponseBase:
    programme = _own_programme(request, pk)

    def form(data: Any) -> ProgrammeForm:
        return ProgrammeForm(data, instance=programme, initial={"version": programme.version})

    def save(form: ProgrammeForm) -> HttpResponseBase:
        changes = {
            name: form.cleaned_data[name]
            for name in form.changed_data
            if name in ProgrammeForm.Meta.fields
        }
        services.programmes.programme_update(
            programme=programme,
            changes=changes,
            expected_version=form.cleaned_data["version"],
            by=request.actor.user,
            request=request,
        )
        messages.success(request, "Programme saved.")
        return redirect("training:programme-detail", pk=programme.pk)

    return form_page(
        request,
        form,
        "training/programme_edit.jinja",
        {"programme": programme},
        save=save,
        conflict="this programme",
    )


@roles(*MAPPERS)
@require_http_methods(["GET", "POST"])
def module_edit(request: OrgRequest, pk: int) -> HttpResponse:
    module: Module = get_in_organisation_or_404(
        request,
        selectors.programmes.modules_visible(actor=request.actor),
        belongs=selectors.programmes.module_visible,
        pk=pk,
    )
    if module.programme.is_template:
        messages.error(request, "Templates cannot be changed. Make a copy for your organisation.")
        return redirect("training:programme-detail", pk=module.programme_id)
    framework = framework_get()
    initial: dict[str, Any] = {
        "title": module.title,
        "aims": module.aims,
        "prep_hours": module.prep_hours,
        "teaching_hours": module.teaching_hours,
        "units": list(module.units.all()),
        "statements": list(module.statements.all()),
        "version": module.version,
    }
    form = ModuleForm(posted(request), framework=framework, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.programmes.module_update(
                module=module,
                expected_version=data.pop("version"),
                by=request.actor.user,
                request=request,
                **data,
            )
        except EditConflict as conflict:
            show_conflict(form, conflict, what="this module", saved=module)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"“{module.display_title}” saved.")
            return redirect("training:programme-detail", pk=module.programme_id)
    return TemplateResponse(
        request,
        "training/module_edit.jinja",
        {"module": module, "form": form},
        status=form_status(form),
    )


@roles(*EDITORS)
@require_POST
@creates_once
def module_add(request: OrgRequest, pk: int) -> HttpResponse:
    programme = _own_programme(request, pk)
    module = services.programmes.module_add(
        programme=programme, by=request.actor.user, request=request
    )
    return redirect("training:module-edit", pk=module.pk)


@roles(*VIEWERS)
@require_http_methods(["GET"])
def programme_coverage(request: OrgRequest, pk: int) -> HttpResponse:
    programme = _programme(request, pk)
    framework = framework_get()
    coverage = selectors.programmes.programme_coverage(programme, framework)
    total = sum(len(u.statements) for u in coverage)
    covered = sum(u.covered for u in coverage)
    return TemplateResponse(
        request,
        "training/programme_coverage.jinja",
        {
            "programme": programme,
            "framework": framework,
            "coverage": coverage,
            "total": total,
            "covered": covered,
        },
    )


def _wording_forms(
    items: list[CopiedText], bound: dict[int, CopiedTextForm]
) -> list[tuple[CopiedText, str, CopiedTextForm]]:
    rows = []
    for item in items:
        current = services.programme_templates.copied_text_current(item)
        form = bound.get(item.pk) or CopiedTextForm(
            prefix=f"item{item.pk}", initial={"text": current, "expected": current}
        )
        rows.append((item, current, form))
    return rows


@roles(*EDITORS)
@require_http_methods(["GET", "POST"])
def programme_wording(request: OrgRequest, pk: int) -> HttpResponse:
    """The copied text that names the template's organisation: confirm or reword each."""
    programme = _own_programme(request, pk)
    items = list(selectors.programmes.copied_texts(programme))
    bound: dict[int, CopiedTextForm] = {}
    status = 200
    if request.method == "POST":
        chosen = next((i for i in items if str(i.pk) == request.POST.get("item")), None)
        if chosen is None or chosen.confirmed_at is not None:
            messages.info(request, "That text is already confirmed.")
            return redirect("training:programme-wording", pk=programme.pk)
        form = CopiedTextForm(request.POST, prefix=f"item{chosen.pk}")
        if form.is_valid():
            try:
                services.programme_templates.copied_text_confirm(
                    item=chosen,
                    text=form.cleaned_data["text"],
                    expected=form.cleaned_data["expected"],
                    by=request.actor.user,
                    request=request,
                )
            except EditConflict as conflict:
                # Beside the text now shown: this page confirms many texts, one form each.
                show_conflict(
                    form, conflict, what=f"“{chosen.label}”", field="expected", next_to="text"
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Confirmed: {chosen.label}.")
                return redirect("training:programme-wording", pk=programme.pk)
        bound[chosen.pk] = form
        status = 400
    waiting = [i for i in items if i.confirmed_at is None]
    return TemplateResponse(
        request,
        "training/programme_wording.jinja",
        {
            "programme": programme,
            "rows": _wording_forms(waiting, bound),
            "confirmed": [i for i in items if i.confirmed_at is not None],
            "errors": [f for _, _, f in _wording_forms(waiting, bound) if f.errors],
        },
        status=status,
    )
