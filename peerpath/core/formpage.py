"""The shape of every page with one form, said once.

A form page shows the form (GET), or checks what was sent (POST) and, when it is valid,
calls the page's `save`. `save` calls a service and answers with a redirect. Whatever goes
wrong comes back on the same form, next to the field it is about, with status 400:

- the form's own checks;
- a `ValidationError` the service raised (`add_service_errors`);
- an `EditConflict`, when someone else saved the record since the form was opened
  (`show_conflict`, with `conflict` naming what was edited: "this goal").

    def goal_create(request, person):
        def save(form):
            goal = services.goal_create(person=person, data=form.goal_data(), ...)
            messages.success(request, "Goal added.")
            return redirect("recovery:goal-detail", person=person.pk, pk=goal.pk)

        return form_page(request, GoalForm, "recovery/goal_form.jinja",
                         {"person": person, "goal": None}, save=save)

A page with several forms or a second button (a wording check, say) still writes its own
branches, using `posted(request)` for the form's data.
"""

from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, QueryDict
from django.http.response import HttpResponseBase
from django.template.response import TemplateResponse

from .forms import add_service_errors
from .versioning import EditConflict, show_conflict


def posted(request: HttpRequest) -> QueryDict | None:
    """The form's data when it was sent, else None (an unbound form)."""
    return request.POST if request.method == "POST" else None


def form_status(form: forms.BaseForm) -> int:
    """400 for a form shown again with errors, else 200."""
    return 400 if form.errors else 200


def form_page(
    request: HttpRequest,
    form: type[forms.BaseForm] | Callable[[QueryDict | None], forms.BaseForm],
    template: str,
    context: Mapping[str, Any],
    *,
    save: Callable[[Any], HttpResponseBase],
    conflict: str = "this record",
) -> HttpResponseBase:
    """Show `form` (a form class, or a function of the posted data that makes the form)
    on `template`; on a valid POST answer with `save(form)`. See the module's docstring."""
    bound = form(posted(request))
    if request.method == "POST" and (done := attempt(bound, save, conflict=conflict)):
        return done
    return TemplateResponse(
        request, template, {**context, "form": bound}, status=form_status(bound)
    )


def attempt(
    form: forms.BaseForm, save: Callable[[Any], HttpResponseBase], *, conflict: str
) -> HttpResponseBase | None:
    """A sent form, on a page with several: `save(form)`'s answer when the form is valid
    and the service accepts it; else None, with what went wrong on the form (its own
    checks, the service's `ValidationError`, or an `EditConflict` named by `conflict`), for
    the page to show again."""
    if not form.is_valid():
        return None
    try:
        return save(form)
    except EditConflict as edited:
        show_conflict(form, edited, what=conflict)
    except ValidationError as error:
        add_service_errors(form, error)
    return None
