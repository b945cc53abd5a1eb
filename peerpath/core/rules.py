"""Predicates every app's `rules.py` builds its object rules from (django-rules).

A rule is asked as `actor.may("app.rule_name", obj)`: its predicates receive the `Actor`
and the object. Each app names its rules `"<app>.<what may be done>"` and registers them
with `rules.add_rule` in its own `rules.py`, which Django imports at start-up
(`rules.apps.AutodiscoverRulesConfig`).
"""

from typing import Any

import rules

from .actor import Actor
from .roles import Role


def holds(*roles: Role) -> rules.Predicate:
    """The actor holds one of these roles in their current organisation."""
    names = "_or_".join(r.value for r in roles)

    @rules.predicate(name=f"holds_{names}")
    def predicate(actor: Actor) -> bool:
        return actor.has(*roles)

    return predicate


@rules.predicate
def in_actors_organisation(actor: Actor, obj: Any) -> bool:
    """The object belongs to the organisation the actor is working in."""
    return (
        obj is not None
        and actor.organisation is not None
        and getattr(obj, "organisation_id", None) == actor.organisation.pk
    )
