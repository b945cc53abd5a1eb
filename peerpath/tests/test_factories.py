"""Every model of PeerPath has a factory in its app's `tests/factories.py`, and each factory
saves a record whose parents all belong to the record's own organisation.

Run on SQLite and PostgreSQL alike, this is also the proof that the factories' defaults
pass every check constraint of the schema.
"""

from importlib import import_module
from typing import Any

import pytest
from django.apps import apps
from django.db import models
from factory.django import DjangoModelFactory


def _peerpath_apps() -> list[Any]:
    return [c for c in apps.get_app_configs() if c.name.startswith("peerpath.")]


def _factories() -> dict[type[models.Model], list[type[DjangoModelFactory]]]:
    """The factories of each model, found in each app's `tests/factories.py`."""
    found: dict[type[models.Model], list[type[DjangoModelFactory]]] = {}
    for config in _peerpath_apps():
        name = f"{config.name}.tests.factories"
        try:
            module = import_module(name)
        except ModuleNotFoundError as missing:
            if missing.name != name:
                raise
            continue
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, DjangoModelFactory)
                and value.__module__ == name
                and not value._meta.abstract
            ):
                found.setdefault(value._meta.model, []).append(value)
    return found


FACTORIES = _factories()
EVERY_FACTORY = sorted(
    (factory for factories in FACTORIES.values() for factory in factories),
    key=lambda f: f"{f.__module__}.{f.__name__}",
)


def test_every_model_has_a_factory() -> None:
    models_ = {m for config in _peerpath_apps() for m in config.get_models()}
    missing = sorted(m._meta.label for m in models_ - set(FACTORIES))
    assert missing == []
    assert len(models_) >= 70  # the finder reads every app, not a few


def _organisation_of(obj: Any) -> Any:
    if obj.__class__._meta.label == "organisations.Organisation":
        return obj.pk
    return getattr(obj, "organisation_id", None)


@pytest.mark.django_db
@pytest.mark.parametrize("factory", EVERY_FACTORY, ids=lambda f: f.__name__)
def test_each_factory_saves_a_record_whose_parents_share_its_organisation(
    factory: type[DjangoModelFactory],
) -> None:
    record: Any = factory()
    model = factory._meta.model
    saved = model._default_manager.get(pk=record.pk)
    own = _organisation_of(saved)
    for field in model._meta.concrete_fields:
        if not isinstance(field, models.ForeignKey) or field.name == "organisation":
            continue
        parent = getattr(saved, field.name)
        if parent is None or own is None:
            continue
        theirs = _organisation_of(parent)
        assert theirs in (None, own), f"{field.name} is in another organisation"
