"""Create forms save once: a repeated send of the same form shows what the first one made.

A person who presses "Save" again because the page seemed stuck, or whose browser resends
after a dropped connection, must not make a second contact note, concern or plan. So:

- Every create form carries a one-time token: `{{ form_token(request) }}` beside
  `{{ csrf_input }}` in its template. The token is random, signed with the user it was
  shown to, and valid for `VALID_FOR` (24 hours). It is only signed when shown, so showing
  a form writes nothing; its row is written when it is first sent.
- The view is wrapped in `@creates_once`. A POST carrying a token runs in one transaction
  that first claims the token's row (locked, so two sends at once wait for each other).
  If the view answers with a redirect (the record was made), the row keeps where it
  redirected to, in that same transaction. If the row was already used, the view is not
  run at all: the person is sent to the record the first send made, with a message.
- A form shown again with errors gets a new token (a page may hold several forms, and
  each needs its own); the first token's row stays unused.
- A POST without a token (a script, an old test), or with one that is not valid (older
  than 24 hours, or shown to someone else), is handled as a first send.

Used rows are kept for `KEEP_FOR` (longer than a token is valid) and then deleted by
`forget_old`, which a periodic job should run (daily is plenty).
"""

import secrets
from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any, TypeVar

from django.contrib import messages
from django.core import signing
from django.db import transaction
from django.http import HttpRequest, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

from .models import FormToken

View = TypeVar("View", bound=Callable[..., HttpResponseBase])

FIELD = "form_token"
VALID_FOR = timedelta(hours=24)
KEEP_FOR = timedelta(hours=48)
ALREADY_SAVED = "This was already saved. Here it is; nothing was saved twice."
_SALT = "peerpath.core.once"


def _owner(request: HttpRequest) -> int | None:
    user = getattr(request, "user", None)
    return user.pk if user is not None and user.is_authenticated else None


def issue(request: HttpRequest) -> str:
    """A new token for one form, for the user it is shown to."""
    return signing.dumps({"t": secrets.token_urlsafe(24), "u": _owner(request)}, salt=_SALT)


def form_token(request: HttpRequest) -> SafeString:
    """The hidden field for a create form's template: a new token each time it is shown."""
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, issue(request))


def _token_of(request: HttpRequest, sent: str) -> str | None:
    """The random part of a token sent with this request, or None when it is missing,
    not ours, for another user, or older than VALID_FOR."""
    if not sent or len(sent) > 500:
        return None
    try:
        data = signing.loads(sent, salt=_SALT, max_age=VALID_FOR)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("u") != _owner(request):
        return None
    token = data.get("t")
    return token if isinstance(token, str) else None


def _claim(request: HttpRequest, token: str) -> FormToken:
    row, _ = FormToken.objects.get_or_create(
        token=token, defaults={"user_id": _owner(request), "path": request.path[:500]}
    )
    return FormToken.objects.select_for_update().get(pk=row.pk)


def _shown_again(request: HttpRequest, row: FormToken) -> HttpResponseRedirect:
    messages.info(request, ALREADY_SAVED)
    return HttpResponseRedirect(row.shown_at)


def creates_once(view: View) -> View:
    """For a view whose form creates a record: see the module's docstring."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        token = (
            _token_of(request, request.POST.get(FIELD, "")) if request.method == "POST" else None
        )
        if token is None:
            return view(request, *args, **kwargs)
        with transaction.atomic():
            row = _claim(request, token)
            if row.used_at is not None:
                return _shown_again(request, row)
            response = view(request, *args, **kwargs)
            if isinstance(response, HttpResponseRedirect):
                row.used_at, row.shown_at = timezone.now(), response["Location"][:500]
                row.save(update_fields=["used_at", "shown_at"])
        return response

    wrapper.creates_once = True  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]


def forget_old(now: Any = None) -> int:
    """Delete rows of tokens that can no longer be sent; for a periodic job."""
    before = (now or timezone.now()) - KEEP_FOR
    deleted, _ = FormToken.objects.filter(created_at__lt=before).delete()
    return deleted
