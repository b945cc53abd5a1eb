"""Who is acting: one `Actor`, made once per request, passed as `actor=` everywhere.

The actor is the signed-in user, the organisation they are working in, the roles they hold
there (and anywhere), and the teams they supervise, all from their memberships, read once.
`organisations.middleware.OrganisationMiddleware` makes it for every request
(`request.actor`); a management command, a task or a test makes one with
`organisations.selectors.actor_for(user, organisation)`. Selectors take `actor=` and
return querysets already scoped to it; services take `actor=` where they need the
organisation or the roles; object rules (each app's `rules.py`, django-rules) are asked
through `actor.may("app.rule", obj)`. The actor itself reads nothing: it is a value.

Signed out, the actor is `Actor.anonymous()`: no user, no organisation, no roles, so every
scoped selector answers with nothing and every rule says no.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import rules

from .roles import Role

if TYPE_CHECKING:
    from peerpath.accounts.models import User
    from peerpath.organisations.models import Organisation


@dataclass(frozen=True, eq=False)
class Actor:
    user: "User | None"
    organisation: "Organisation | None"
    roles: frozenset[Role] = frozenset()  # roles in `organisation`
    all_roles: frozenset[Role] = frozenset()  # roles in any organisation
    organisations: tuple["Organisation", ...] = field(default=())
    supervised_team_ids: frozenset[int] = frozenset()  # teams supervised in `organisation`

    @classmethod
    def anonymous(cls) -> "Actor":
        return cls(user=None, organisation=None)

    @classmethod
    def from_memberships(
        cls, user: "User", memberships: Iterable[Any], *, organisation_id: int | None
    ) -> "Actor":
        """From the user's memberships: in `organisation_id` if they have a role there,
        else in the organisation of their first membership."""
        memberships = list(memberships)
        organisations = {m.organisation_id: m.organisation for m in memberships}
        if organisation_id not in organisations:
            organisation_id = next(iter(organisations), None)
        return cls(
            user=user,
            organisation=organisations.get(organisation_id) if organisation_id else None,
            roles=frozenset(
                Role(m.role) for m in memberships if m.organisation_id == organisation_id
            ),
            all_roles=frozenset(Role(m.role) for m in memberships),
            organisations=tuple(sorted(organisations.values(), key=lambda o: o.name)),
            supervised_team_ids=frozenset(
                m.team_id
                for m in memberships
                if m.organisation_id == organisation_id
                and m.role == Role.SUPERVISOR
                and m.team_id is not None
            ),
        )

    @property
    def is_signed_in(self) -> bool:
        return self.user is not None

    @property
    def user_id(self) -> int | None:
        return self.user.pk if self.user is not None else None

    @property
    def organisation_id(self) -> int | None:
        return self.organisation.pk if self.organisation is not None else None

    def has(self, *roles: Role) -> bool:
        """Whether the actor holds any of these roles in their current organisation."""
        return bool(self.roles.intersection(roles))

    def may(self, rule: str, obj: Any = None) -> bool:
        """Whether an object rule (`<app>/rules.py`) lets this actor do it to `obj`."""
        return bool(rules.test_rule(rule, self, obj))

    def __repr__(self) -> str:
        roles = ", ".join(sorted(r.value for r in self.roles))
        return f"<Actor user={self.user_id} organisation={self.organisation_id} roles=[{roles}]>"
