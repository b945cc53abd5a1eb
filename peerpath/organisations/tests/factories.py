from datetime import timedelta

import factory
from django.utils import timezone

from peerpath.accounts.tests.factories import UserFactory
from peerpath.core.roles import Role
from peerpath.organisations.models import (
    Invitation,
    Membership,
    Organisation,
    OrganisationKind,
    Team,
)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = OrganisationKind.NHS_TRUST

    class Params:
        recovery_college = factory.Trait(kind=OrganisationKind.RECOVERY_COLLEGE)


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Team {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    """One role for one user in one organisation (staff roles get an authenticator app)."""

    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.PSW
    user = factory.SubFactory(UserFactory)
    team = None


class InvitationFactory(factory.django.DjangoModelFactory):
    """A waiting invitation, sent now, that expires in a week."""

    class Meta:
        model = Invitation

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    email = factory.SelfAttribute("user.email")
    roles = Role.PSW.value
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
