"""Several small lists read in one statement (issue 14: the person record's statements).

A page such as the person's record shows a dozen short lists, each one query. Each query
costs a round trip to the database however few rows it returns, so the page ran 24
statements. `fetch_together` runs any number of querysets as ONE statement: each is
compiled by Django as usual (the SQL `list(queryset)` would run, with its columns named)
and becomes a scalar subquery that returns its rows as a JSON array; the rows come back as
model instances, with their `select_related` objects and annotations, built the way
Django's own model iterator builds them. The querysets are the apps' own (their filters,
ordering and scoping are untouched); only the round trips are saved (ADR-025).

    rows = fetch_together({"goals": Part(goals_qs), "notes": Part(notes_qs, limit=5)})

Limits: forward `select_related` only (any depth); no `prefetch_related`, `only`/`defer`,
`values`, `distinct` or slicing on the queryset itself (give `limit` instead); every part
reads from the same database. `peerpath/core/tests/test_together.py` compares each of the
record page's parts with the queryset evaluated the ordinary way, field by field, on both
databases.
"""

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC
from decimal import Decimal
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections, models
from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.db.models.query import get_related_populators  # type: ignore[attr-defined]
from django.utils import dateparse, timezone

ORDER_KEY = "together_ord"


@dataclass(frozen=True)
class Part:
    queryset: models.QuerySet[Any]
    limit: int | None = None


def fetch_together(
    parts: Mapping[str, Part | models.QuerySet[Any]],
) -> dict[str, list[Any]]:
    """Each part's rows, in its queryset's order, from one SELECT."""
    named = {name: p if isinstance(p, Part) else Part(p) for name, p in parts.items()}
    if not named:
        return {}
    databases = {p.queryset.db for p in named.values()}
    if len(databases) != 1:
        raise ValueError(f"fetch_together reads from one database, not {sorted(databases)}")
    alias = databases.pop()
    connection = connections[alias]
    postgres = connection.vendor == "postgresql"
    quote = connection.ops.quote_name
    selects: list[str] = []
    params: list[Any] = []
    plans: list[_Plan | None] = []
    for number, part in enumerate(named.values()):
        plan = _Plan(part, alias)
        column = quote(f"part_{number}")
        if plan.sql is None:  # `.none()`, or a filter on an empty list: no rows
            selects.append(f"'[]' AS {column}")
            plans.append(None)
            continue
        if postgres:
            # Each row as a JSON object keyed by its (unique) column names, in order.
            wrapped = (
                f"(SELECT COALESCE(json_agg(t ORDER BY t.{ORDER_KEY}), '[]'::json)"  # noqa: S608 (Django's own SQL, with its parameters)
                f" FROM ({plan.sql}) t)"
            )
        else:
            columns = ", ".join(f"t.{quote(name)}" for name in plan.columns)
            wrapped = (
                f"(SELECT json_group_array(json_array({columns}))"  # noqa: S608 (Django's own SQL, with its parameters)
                f" FROM (SELECT * FROM ({plan.sql}) ORDER BY {ORDER_KEY}) t)"
            )
        selects.append(f"{wrapped} AS {column}")
        params.extend(plan.params)
        plans.append(plan)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(selects), params)
        row = cursor.fetchone()
    result: dict[str, list[Any]] = {}
    for name, found, value in zip(named, plans, row, strict=True):
        rows = json.loads(value) if isinstance(value, str) else value
        result[name] = [] if found is None else found.build(rows, postgres)
    return result


class _Plan:
    """One queryset compiled as Django compiles it, and how its rows become instances."""

    def __init__(self, part: Part, alias: str) -> None:
        queryset = part.queryset
        query = queryset.query
        if query.is_sliced or query.distinct or query.values_select or query.deferred_loading[0]:
            raise ValueError("fetch_together takes a plain queryset; give a limit to Part")
        if getattr(queryset, "_prefetch_related_lookups", ()):
            raise ValueError("fetch_together does not prefetch; read the relation as a part")
        if query.select_related is True:
            raise ValueError("name the relations: select_related() with no names reads them all")
        self.alias = alias
        ordering = list(query.order_by) or list(queryset.model._meta.ordering) or ["pk"]
        numbered = queryset.annotate(
            **{ORDER_KEY: Window(RowNumber(), order_by=[_order(o) for o in ordering])}
        )
        if part.limit is not None:
            numbered = numbered[: part.limit]
        self.compiler = numbered.query.get_compiler(using=alias)
        self.sql: str | None
        try:
            self.sql, self.params = self.compiler.as_sql(with_col_aliases=True)
        except EmptyResultSet:
            self.sql, self.params = None, ()
            return
        select = self.compiler.select
        self.columns = [name for _, _, name in select]
        self.fields = [expression.output_field for expression, _, _ in select]

    def build(self, rows: list[Any], postgres: bool) -> list[Any]:
        """Model instances from the rows, as `django.db.models.query.ModelIterable` makes
        them from a cursor's."""
        compiler = self.compiler
        select, klass_info = compiler.select, compiler.klass_info
        annotations = {
            name: at for name, at in compiler.annotation_col_map.items() if name != ORDER_KEY
        }
        model = klass_info["model"]
        first, last = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        names = [column[0].target.attname for column in select[first:last]]
        populators = get_related_populators(klass_info, select, self.alias)
        built = []
        for raw in rows:
            cells = [raw[name] for name in self.columns] if postgres else raw
            values = [
                _value(field, cell, postgres)
                for field, cell in zip(self.fields, cells, strict=True)
            ]
            instance = model.from_db(self.alias, names, values[first:last])
            for populator in populators:
                populator.populate(values, instance)
            for name, at in annotations.items():
                setattr(instance, name, values[at])
            built.append(instance)
        return built


def _order(term: Any) -> Any:
    if isinstance(term, str):
        return F(term[1:]).desc() if term.startswith("-") else F(term).asc()
    return term


def _value(field: Any, value: Any, postgres: bool) -> Any:
    """A JSON value as the field's Python value (what reading the column would give)."""
    if value is None:
        return None
    if isinstance(field, models.JSONField):
        # PostgreSQL nests JSON as JSON; SQLite stores it as text, so it arrives as text.
        return value if postgres else json.loads(value)
    if isinstance(field, models.DateTimeField):
        moment = dateparse.parse_datetime(value)
        if moment is not None and timezone.is_naive(moment):
            moment = moment.replace(tzinfo=UTC)  # SQLite stores UTC without an offset
        return moment
    if isinstance(field, models.DateField):
        return dateparse.parse_date(value)
    if isinstance(field, models.TimeField):
        return dateparse.parse_time(value)
    if isinstance(field, models.DecimalField):
        return Decimal(str(value))
    if isinstance(field, models.UUIDField):
        return uuid.UUID(str(value))
    if isinstance(field, models.BooleanField):
        return bool(value)
    if isinstance(field, models.DurationField | models.BinaryField):
        raise ValueError(f"fetch_together does not read {type(field).__name__}s")
    if isinstance(field, models.FloatField):
        return float(value)
    return value
