"""Who is acting: one `Actor`, made once per request, passed as `actor=` everywhere.

The actor is the signed-in user, the organisation they are working in, the roles they hold
there (and anywhere), and the teams they supervise. `OrganisationMiddleware` makes it for
every request (`request.actor`); a management command or a task makes one with
`Actor.for_user(user, organisation)`. Selectors take `actor=` and return querysets already
scoped to it; services take `actor=` to know who did it; object rules (each app's
`rules.py`, django-rules) are asked through `actor.may("app.rule", obj)`.

Signed out, the actor is `Actor.anonymous()`: no user, no organisation, no roles, so every
scoped selector answers with nothing and every rule says no.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
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

    @classmethod
    def anonymous(cls) -> "Actor":
        return cls(user=None, organisation=None)

    @classmethod
    def for_user(cls, user: "User", organisation: "Organisation | None" = None) -> "Actor":
        """The actor for a command or task: the user's roles in `organisation` (else the
        organisation of their oldest membership), read in one query."""
        from peerpath.organisations.models import Membership

        memberships = list(
            Membership.objects.filter(user=user).select_related("organisation").order_by("id")
        )
        chosen = organisation.pk if organisation is not None else None
        return cls.from_memberships(user, memberships, organisation_id=chosen)

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

    @cached_property
    def supervised_team_ids(self) -> frozenset[int]:
        """The teams this actor supervises in their organisation (one query, on first use)."""
        if self.user is None or self.organisation is None or Role.SUPERVISOR not in self.roles:
            return frozenset()
        from peerpath.organisations.models import Membership

        return frozenset(
            Membership.objects.filter(
                user=self.user,
                organisation=self.organisation,
                role=Role.SUPERVISOR,
                team__isnull=False,
            ).values_list("team_id", flat=True)
        )

    def may(self, rule: str, obj: Any = None) -> bool:
        """Whether an object rule (`<app>/rules.py`) lets this actor do it to `obj`."""
        return bool(rules.test_rule(rule, self, obj))

    def __repr__(self) -> str:
        roles = ", ".join(sorted(r.value for r in self.roles))
        return f"<Actor user={self.user_id} organisation={self.organisation_id} roles=[{roles}]>"
