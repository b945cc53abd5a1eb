"""The version check: one way to refuse a stale save, so no edit silently reverts another.

A record that people edit carries a `version` (`PositiveIntegerField(default=1)`). Its edit
form carries, in a hidden `VersionField`, the version it was opened at. The service saves
with `update_if_unchanged`: one `UPDATE … SET version = version + 1 … WHERE <the row> AND
version = <the one the form saw>`. If someone saved in between, no row matches, nothing is
written and `EditConflict` is raised, with the version saved now. The view then calls
`show_conflict`: the form comes back with the person's own text kept, one message (the same
on every page) saying what happened and what to do, and the newer version, so saving again
is a choice made after checking.

The check is in the UPDATE itself, so two saves at the same moment cannot both pass it: the
database lets one row update at a time (PostgreSQL locks the row; SQLite the database).
"""

from collections.abc import Callable, Mapping
from typing import Any, TypeVar, cast

from django import forms
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.http import QueryDict

M = TypeVar("M", bound=models.Model)

# The largest version a form may send back: PositiveIntegerField's limit on every database.
MAX_VERSION = 2_147_483_647


class EditConflict(Exception):
    """Someone else saved the record since this edit began; nothing was written.

    `latest` is the version saved now (None when the record is gone or has moved on to a
    state the edit no longer applies to; for a check of what was seen rather than of a
    version number, what is there now).
    """

    def __init__(self, latest: Any = None) -> None:
        super().__init__("the record was saved by someone else since this edit began")
        self.latest = latest


def update_if_unchanged(
    rows: "models.QuerySet[Any]",
    *,
    expected_version: int | None,
    changes: Mapping[str, Any] | None = None,
    field: str = "version",
) -> int:
    """Apply `changes` to the one row `rows` selects, only if it is still at
    `expected_version`, and add one to its version. Returns the new version.

    Raises `EditConflict` (writing nothing) if the row is at another version, is not
    selected any more, or `expected_version` is None (a form that sent no usable version).
    One UPDATE; one more SELECT only on a conflict, for the version saved now.
    """
    if expected_version is not None:
        updated = rows.filter(**{field: expected_version}).update(
            **{field: F(field) + 1}, **(changes or {})
        )
        if updated == 1:
            return expected_version + 1
        if updated > 1:  # pragma: no cover - a caller's mistake, never a user's
            raise ValueError("update_if_unchanged must select exactly one row")
    raise EditConflict(rows.values_list(field, flat=True).first())


def save_if_unchanged(obj: M, *, expected_version: int | None, changes: Mapping[str, Any]) -> M:
    """`update_if_unchanged` for one object by its primary key; the object is re-read."""
    update_if_unchanged(
        type(obj)._default_manager.filter(pk=obj.pk),
        expected_version=expected_version,
        changes=changes,
    )
    obj.refresh_from_db()
    return obj


def claim_version(obj: models.Model, *, expected_version: int | None) -> None:
    """Take the next version of `obj`'s row before writing it another way (a `save()` after
    `full_clean()`, many-to-many fields, child rows). Call inside `transaction.atomic()`:
    the row stays locked to other writers until the transaction ends."""
    obj.version = update_if_unchanged(  # type: ignore[attr-defined]
        type(obj)._default_manager.filter(pk=obj.pk), expected_version=expected_version
    )


def bump_version(rows: "models.QuerySet[Any]", **changes: Any) -> int:
    """Change rows and add one to their version with no check: a change made elsewhere
    (a transfer, a re-referral) that forms already open on the record must not undo."""
    return rows.update(version=F("version") + 1, **changes)


def create_first(
    create: Callable[[], M], *, rows: "models.QuerySet[Any]", field: str = "version"
) -> M:
    """Create the first row of a record that is unique (one per person, one per user): if
    someone else created it meanwhile, the unique constraint refuses this one, and that is
    an `EditConflict` too, with the version of the row `rows` now selects."""
    try:
        with transaction.atomic():
            return create()
    except IntegrityError:
        raise EditConflict(rows.values_list(field, flat=True).first()) from None


def require_unchanged(seen: str | None, now: str) -> None:
    """The version check for a record kept in several rows with no version of its own
    (a person's roles, a text copied from a source): the form carries what it showed,
    `seen`, and the service compares it with `now`, read under a lock. `EditConflict`
    carries `now`, which the form sends back on the next save."""
    if seen != now:
        raise EditConflict(now)


# --- forms ------------------------------------------------------------------------------------


class VersionField(forms.IntegerField):
    """The hidden field with the version the form was opened at.

    It never shows an error of its own: a missing or nonsensical value cleans to None,
    which no row matches, so the save is refused as a conflict and the person keeps
    their text.
    """

    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> int | None:
        text = str(value).strip() if value is not None else ""
        if not (text.isascii() and text.isdigit()) or int(text) > MAX_VERSION:
            return None
        return int(text)


def posted_version(data: Mapping[str, Any], field: str = "version") -> int | None:
    """The version a page with no Django form (a register of radio buttons) sent back."""
    return VersionField().clean(data.get(field))


def _hint_saved_now(form: forms.BaseForm, saved: models.Model) -> None:
    """Under each box of words the person changed, what is saved there now, so they can
    compare before saving again (read with the box, as part of its hint)."""
    typed = getattr(form, "cleaned_data", {})
    for name, box in form.fields.items():
        now = getattr(saved, name, None)
        words = isinstance(box.widget, (forms.TextInput, forms.Textarea))
        if not words or not isinstance(now, str) or name not in typed or typed[name] == now:
            continue
        said = f"Saved now: “{now}”." if now else "Saved now: nothing."
        bound = form[name]  # the page reads the bound field's copy of the hint
        bound.help_text = f"{bound.help_text} {said}" if bound.help_text else said


# Every refused stale save says this, whatever the record: the person's work is safe.
NOTHING_OVERWRITTEN = "Nothing has been overwritten"
_KEPT = f"{NOTHING_OVERWRITTEN}, and your changes are not saved: they are below."
_AGAIN = "Check them against what is saved now, then save again to keep them."
_ONCE = "It can be recorded only once, so copy anything you want to keep."
_CHOICE = (
    f"{NOTHING_OVERWRITTEN}, and your change is not made: the page now shows what is saved. "
    "Choose again if you still want it."
)


def conflict_message(
    what: str, *, own: bool = False, once: bool = False, typed: bool = True
) -> str:
    """The one message for a refused stale save.

    `what` names the record as it follows "saved" ("this goal", "a new version of this
    crisis plan (version 2)"). `own` is for records only their author edits (a draft note),
    where the other save was theirs, in another window. `once` is for what is recorded only
    once (how an appointment went), where saving again is not possible. `typed=False` is
    for a button with nothing typed (make an assessment optional).
    """
    if own:
        said = f"{what[:1].upper()}{what[1:]} was saved in another window while this page was open."
    else:
        said = f"Someone else saved {what} while this page was open."
    if not typed:
        return f"{said} {_CHOICE}"
    return f"{said} {_KEPT} {_ONCE if once else _AGAIN}"


def show_conflict(
    form: forms.BaseForm,
    conflict: EditConflict,
    *,
    what: str,
    own: bool = False,
    once: bool = False,
    field: str = "version",
    next_to: str | None = None,
    saved: models.Model | None = None,
) -> None:
    """Show a refused stale save on the form it came from, the same way on every page.

    The form keeps what the person typed; its version becomes the one saved now, so their
    next save (made after checking) goes through; the message goes above the form, in the
    error summary. A model form's instance is re-read, so the page around the form shows
    the record as it is saved, not as it was typed; so is `saved`, the record behind a form
    that is not a model form. Under each box of words the person changed, the hint then
    says what is saved there now. `next_to` names the field the message goes beside on a
    page of many small forms.
    """
    data = cast(QueryDict, form.data).copy()  # a bound form's data is the posted QueryDict
    data[form.add_prefix(field)] = "" if conflict.latest is None else str(conflict.latest)
    form.data = data
    instance = getattr(form, "instance", None)
    record = saved or (instance if isinstance(instance, models.Model) else None)
    if record is not None and record.pk is not None:
        record.refresh_from_db()
        _hint_saved_now(form, record)
    # Next to a field only on a page of many small forms, whose summary lists field errors.
    form.add_error(next_to, conflict_message(what, own=own, once=once))
