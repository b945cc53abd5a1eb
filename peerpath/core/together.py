"""Several small lists read in one statement (issue 14: the person record's statements).

A page such as the person's record shows a dozen short lists, each one query. Each query
costs a round trip to the database however few rows it returns, so the page ran 24
statements. `fetch_together` runs any number of querysets as ONE statement: each becomes
a scalar subquery that returns its rows as a JSON array, and the rows come back as model
instances, with their `select_related` objects and annotations, as if each queryset had
been evaluated on its own. The querysets are the apps' own (their filters, ordering and
scoping are untouched); only the round trips are saved.

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
from typing import Any, cast

from django.core.exceptions import EmptyResultSet
from django.db import connections, models
from django.db.models import F, Window
from django.db.models.functions import JSONObject, RowNumber
from django.utils import dateparse, timezone

JSON_KEY = "together_json"
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
    selects: list[str] = []
    params: list[Any] = []
    plans: list[_Plan] = []
    for part in named.values():
        plan = _Plan(part.queryset)
        inner = plan.json_queryset(part.limit).using(alias)
        try:
            sql, inner_params = inner.query.sql_with_params()
        except EmptyResultSet:  # `.none()`, or a filter on an empty list: no rows
            selects.append(f"'[]' AS {connection.ops.quote_name(f'part_{len(plans)}')}")
            plans.append(plan)
            continue
        if postgres:
            wrapped = (
                f"(SELECT COALESCE(json_agg(json_build_array(t.{ORDER_KEY}, t.{JSON_KEY})),"  # noqa: S608 (Django's own SQL, with its parameters)
                f" '[]'::json) FROM ({sql}) t)"
            )
        else:
            wrapped = (
                f"(SELECT json_group_array(json_array(t.{ORDER_KEY}, json(t.{JSON_KEY})))"  # noqa: S608 (Django's own SQL, with its parameters)
                f" FROM ({sql}) t)"
            )
        selects.append(f"{wrapped} AS {connection.ops.quote_name(f'part_{len(plans)}')}")
        params.extend(inner_params)
        plans.append(plan)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(selects), params)
        row = cursor.fetchone()
    result: dict[str, list[Any]] = {}
    for name, plan, value in zip(named, plans, row, strict=True):
        pairs = json.loads(value) if isinstance(value, str) else value
        pairs.sort(key=lambda pair: pair[0])
        result[name] = [plan.build(data, alias, postgres) for _, data in pairs]
    return result


class _Plan:
    """How one queryset's rows become JSON in SQL and model instances in Python."""

    def __init__(self, queryset: models.QuerySet[Any]) -> None:
        query = queryset.query
        if query.is_sliced or query.distinct or query.values_select or query.deferred_loading[0]:
            raise ValueError("fetch_together takes a plain queryset; give a limit to Part")
        if getattr(queryset, "_prefetch_related_lookups", ()):
            raise ValueError("fetch_together does not prefetch; read the relation as a part")
        self.queryset = queryset
        self.model = queryset.model
        related = query.select_related
        if related is True:
            raise ValueError("name the relations: select_related() with no names reads them all")
        self.related: dict[str, Any] = related or {}
        self.annotations = {
            name: expression.output_field for name, expression in query.annotation_select.items()
        }

    def json_queryset(self, limit: int | None) -> models.QuerySet[Any]:
        fields = _object_fields(self.model, "", self.related)
        fields.update({name: F(name) for name in self.annotations})
        ordering = list(self.queryset.query.order_by) or list(self.model._meta.ordering) or ["pk"]
        queryset = self.queryset.annotate(
            **{
                JSON_KEY: JSONObject(**fields),
                ORDER_KEY: Window(RowNumber(), order_by=[_order(o) for o in ordering]),
            }
        ).values(JSON_KEY, ORDER_KEY)
        return queryset[:limit] if limit is not None else queryset

    def build(self, data: dict[str, Any], alias: str, postgres: bool) -> Any:
        instance = _instance(self.model, data, self.related, alias, postgres)
        for name, field in self.annotations.items():
            setattr(instance, name, _value(field, data.get(name), postgres))
        return instance


def _order(term: Any) -> Any:
    if isinstance(term, str):
        return F(term[1:]).desc() if term.startswith("-") else F(term).asc()
    return term


def _object_fields(model: type[models.Model], prefix: str, related: dict[str, Any]) -> dict:
    fields: dict[str, Any] = {
        field.attname: F(prefix + field.attname) for field in model._meta.concrete_fields
    }
    for name, deeper in related.items():
        target = _target(model, name)
        fields[name] = JSONObject(**_object_fields(target, f"{prefix}{name}__", deeper))
    return fields


def _instance(
    model: type[models.Model],
    data: dict[str, Any],
    related: dict[str, Any],
    alias: str,
    postgres: bool,
) -> Any:
    concrete = model._meta.concrete_fields
    instance = model.from_db(
        alias,
        [field.attname for field in concrete],
        [_value(field, data.get(field.attname), postgres) for field in concrete],
    )
    for name, deeper in related.items():
        nested = data.get(name) or {}
        target = _target(model, name)
        value = None
        if nested.get(target._meta.pk.attname) is not None:
            value = _instance(target, nested, deeper, alias, postgres)
        # Cached as select_related would, so reading it runs no query.
        cast(models.ForeignKey[Any], model._meta.get_field(name)).set_cached_value(instance, value)
    return instance


def _target(model: type[models.Model], name: str) -> type[models.Model]:
    target = model._meta.get_field(name).related_model
    if not isinstance(target, type) or not issubclass(target, models.Model):
        raise ValueError(f"{model.__name__}.{name} is not a relation fetch_together can follow")
    return target


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
