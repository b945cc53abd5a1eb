"""Choosing people from an organisation that may hold thousands: a search box, never a list
of everyone.

A form field made by `people_field` validates the ids sent against its whole (scoped)
queryset, as any model choice does, but the page renders only the people already chosen
and at most `MATCHES_SHOWN` who match what was typed in its search box
(`components/chooser.jinja`). With JavaScript the box asks the page's search address as
it is typed (HTMX) and swaps in the matches; without it, the box's "Search" button sends
the form back, which shows it again as typed, with the matches, judging and saving nothing
(as the contact note's "Check wording" button does). Sending the form by POST keeps its
security token out of addresses and logs.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, cast

from django import forms
from django.db.models import Q, QuerySet
from django.forms.utils import ErrorDict
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.template.response import TemplateResponse
from django.urls import reverse

from .formpage import form_page
from .forms import MAX_ID, IdMultipleChoiceField

# How many matches a search shows: enough to find someone by part of their name, few
# enough that the page stays small however many staff there are.
MATCHES_SHOWN = 20


SEARCH_HINT = "Search by name or email address, then tick the people to choose."
# What the search box is labelled, and what to try when nobody matches: staff by default.
SEARCH_LABEL = "Search by name or email"
NOT_FOUND_TIP = "Check the spelling, or search by email address."


class ChooserWidget(forms.SelectMultiple):
    """Reads the chosen ids like a multiple select; it never lists its choices, so a form
    rendered without the chooser's template still reads no one's name."""

    def optgroups(self, name: str, value: Any, attrs: Any = None) -> list[Any]:
        return []


def people_field(label: str, **kwargs: Any) -> IdMultipleChoiceField:
    """A field choosing any number of people by search (see the module's docstring); give
    it its scoped queryset with `core.forms.choose_from`."""
    kwargs.setdefault(
        "error_messages",
        {
            "invalid_choice": "Choose from the people the search finds: someone chosen "
            "cannot be chosen here.",
            "invalid_pk_value": "Choose from the people the search finds.",
        },
    )
    return IdMultipleChoiceField(queryset=None, widget=ChooserWidget, label=label, **kwargs)


class ChoosesPeople:
    """For a form with people choosers: `chooser_searches` names, per field, the URL of
    its search; the template shows `form.chooser(name)` with `people_chooser`."""

    chooser_searches: dict[str, str] = {}
    # Per field, how it searches, when not staff by name and email: `chooser`'s keywords
    # `fields`, `hint`, `search_label` and `not_found`.
    chooser_options: dict[str, dict[str, Any]] = {}

    def chooser_search_url(self, name: str) -> str:
        """The address of the field's search (a form whose search needs arguments, such as
        the group it adds to, gives it here)."""
        return reverse(self.chooser_searches[name])

    def chooser(self, name: str) -> "Chooser":
        form = cast(forms.BaseForm, self)
        return chooser(
            form[name],
            form.data if form.is_bound else None,
            search_url=self.chooser_search_url(name),
            **self.chooser_options.get(name, {}),
        )


def query_name(name: str) -> str:
    """The search box's name, for the field named `name`."""
    return f"{name}_q"


def search_button_name(name: str) -> str:
    """The no-JavaScript "Search" button's name, for the field named `name`."""
    return f"{name}_search"


def is_search(request: HttpRequest, *names: str) -> bool:
    """Whether this POST is a search in one of the named choosers, not a save."""
    return request.method == "POST" and any(
        search_button_name(name) in request.POST for name in names
    )


def form_page_with_choosers(
    request: HttpRequest,
    form: Callable[[Any], forms.BaseForm],
    template: str,
    context: Mapping[str, Any],
    *,
    save: Callable[[Any], HttpResponseBase],
    conflict: str = "this record",
) -> HttpResponseBase:
    """`core.formpage.form_page` for a form with people choosers: a chooser's "Search"
    button (without JavaScript) shows the form again as typed, with the matches, judging
    and saving nothing."""
    made = form(request.POST if request.method == "POST" else None)
    names = cast(ChoosesPeople, made).chooser_searches
    if is_search(request, *names):
        return TemplateResponse(request, template, {**context, "form": shown_as_typed(made)})
    return form_page(request, lambda _: made, template, context, save=save, conflict=conflict)


def shown_as_typed(form: forms.BaseForm) -> forms.BaseForm:
    """The bound form, to show again exactly as typed with no error judged: a search is not
    an attempt to save."""
    form._errors = ErrorDict()  # type: ignore[attr-defined]
    return form


@dataclass(frozen=True)
class Chooser:
    name: str
    id: str
    label: str
    hint: str
    errors: list[str]
    chosen: list[tuple[str, str]]
    matches: list[tuple[str, str]]
    more: bool
    query: str
    search_url: str
    search_label: str = SEARCH_LABEL
    not_found: str = NOT_FOUND_TIP
    # The objects named (chosen, then matches), for a view that records who it showed.
    shown: tuple[Any, ...] = field(default=(), compare=False, repr=False)

    @property
    def query_name(self) -> str:
        return query_name(self.name)

    @property
    def button_name(self) -> str:
        return search_button_name(self.name)


def _ids(values: Iterable[Any]) -> list[int]:
    """The sent values that can be ids; anything else the field's own check refuses."""
    ids = []
    for value in values:
        text = str(value).strip()
        if text.isascii() and text.isdigit() and int(text) <= MAX_ID:
            ids.append(int(text))
    return ids


def matching(queryset: QuerySet[Any], query: str, fields: Iterable[str]) -> QuerySet[Any]:
    """The rows of `queryset` with every word of `query` in one of `fields`."""
    for word in query.split():
        words = Q()
        for name in fields:
            words |= Q(**{f"{name}__icontains": word})
        queryset = queryset.filter(words)
    return queryset


def chooser(
    bound: forms.BoundField,
    data: Mapping[str, Any] | None,
    *,
    search_url: str,
    hint: str = SEARCH_HINT,
    fields: Iterable[str] = ("full_name", "email"),
    search_label: str = SEARCH_LABEL,
    not_found: str = NOT_FOUND_TIP,
) -> Chooser:
    """What the chooser of a `bound` field shows: the people chosen (one query, only when
    someone is) and the first `MATCHES_SHOWN` others matching the search box in `data` (one
    query, only when something was typed)."""
    model_field = cast(forms.ModelMultipleChoiceField, bound.field)
    queryset = cast(QuerySet[Any], model_field.queryset)
    label_of = model_field.label_from_instance
    value = bound.value() or []
    ids = _ids([value] if isinstance(value, str | int) else value)
    # A NUL byte is dropped, as from every search (core.http): PostgreSQL refuses it in text.
    raw = str((data or {}).get(query_name(bound.html_name)) or "")
    query = raw.replace("\x00", "").strip()[:100]
    chosen = list(queryset.filter(pk__in=ids)) if ids else []
    found = (
        list(matching(queryset.exclude(pk__in=ids), query, fields)[: MATCHES_SHOWN + 1])
        if query
        else []
    )
    return Chooser(
        name=bound.html_name,
        id=bound.auto_id or bound.html_name,
        label=str(bound.label),
        hint=f"{bound.help_text} {hint}" if bound.help_text else hint,
        errors=[str(e) for e in bound.errors],
        chosen=[(str(p.pk), label_of(p)) for p in chosen],
        matches=[(str(p.pk), label_of(p)) for p in found[:MATCHES_SHOWN]],
        more=len(found) > MATCHES_SHOWN,
        query=query,
        search_url=search_url,
        search_label=search_label,
        not_found=not_found,
        shown=(*chosen, *found[:MATCHES_SHOWN]),
    )


def choices_fragment(
    request: HttpRequest,
    form: forms.BaseForm,
    name: str,
    *,
    on_shown: Callable[[tuple[Any, ...]], None] | None = None,
) -> TemplateResponse:
    """The chooser's chosen people and matches alone, for the search box to swap in as it
    is typed: `form` (a `ChoosesPeople`) is bound to the search's query string, which
    holds the box and the people ticked. `on_shown` is given the people named (to audit
    the reading of people supported's names)."""
    shown_as_typed(form)
    found = cast(ChoosesPeople, form).chooser(name)
    if on_shown is not None:
        on_shown(found.shown)
    return TemplateResponse(request, "components/_chooser_choices.jinja", {"chooser": found})
