"""Reports and dashboards read from a streaming replica; everything else uses the primary.

With `DATABASE_REPLICA_URL` set, settings add a "replica" database alias and this router.
Only a view marked `@reporting` reads from the replica, and only while it runs and renders
(a context variable, so threads and requests never share it). Every write, including the
audit row such a view writes, goes to the primary, and so does every read of every other
view: caseload pages and forms need to read what was just written, and a replica may lag
by a moment.

A reporting view checks once that the replica answers (a no-op on a connection kept open
by CONN_MAX_AGE). If it does not, the view reads from the primary and the log says so,
so a replica that is down costs reports some speed, never an error.
"""

import functools
import logging
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import Any, TypeVar

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.http import HttpResponseBase, StreamingHttpResponse
from django.template.response import SimpleTemplateResponse
from django.utils.connection import ConnectionDoesNotExist

REPLICA = "replica"
logger = logging.getLogger(__name__)

# The alias reads go to while a reporting view runs; None: the primary.
_read_from: ContextVar[str | None] = ContextVar("peerpath_read_from", default=None)

View = TypeVar("View", bound=Callable[..., HttpResponseBase])


def _replica_if_it_answers() -> str | None:
    try:
        replica = connections[REPLICA]
    except ConnectionDoesNotExist:
        return None  # no DATABASE_REPLICA_URL
    try:
        replica.ensure_connection()
    except DatabaseError as error:
        logger.warning("The replica does not answer; reading from the primary: %s", error)
        replica.close()
        return None
    return REPLICA


class ReplicaRouter:
    """Reads of a `@reporting` view → the replica; all else → the primary."""

    def db_for_read(self, model: Any, **hints: Any) -> str:
        return _read_from.get() or DEFAULT_DB_ALIAS

    def db_for_write(self, model: Any, **hints: Any) -> str:
        # Always the primary, even for an object a report read from the replica.
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # the replica holds the primary's rows

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db != REPLICA  # it follows the primary's schema by replication


def _streamed(content: Any, alias: str | None) -> Iterator[Any]:
    """A streamed export reads while it streams, after the view has returned (WSGI: a
    plain iterator)."""
    iterator = iter(content)
    while True:
        token = _read_from.set(alias)
        try:
            chunk = next(iterator)
        except StopIteration:
            return
        finally:
            _read_from.reset(token)
        yield chunk


def reporting(view: View) -> View:
    """Mark a report or dashboard: its reads (rendering and streaming included) may come
    from the replica."""

    @functools.wraps(view)
    def wrapper(request: Any, *args: Any, **kwargs: Any) -> HttpResponseBase:
        alias = _replica_if_it_answers()
        token = _read_from.set(alias)
        try:
            response = view(request, *args, **kwargs)
            if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
                response.render()
            if isinstance(response, StreamingHttpResponse) and alias:
                response.streaming_content = _streamed(response.streaming_content, alias)
            return response
        finally:
            _read_from.reset(token)

    return wrapper  # type: ignore[return-value]
