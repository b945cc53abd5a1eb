"""Factories of the forums' models: a reflective practice session and an invitation to it,
both in one organisation."""

from datetime import datetime, time, timedelta

import factory
from django.utils import timezone

from peerpath.accounts.tests.factories import UserFactory
from peerpath.forums.models import Forum, ForumInvitation, ForumKind
from peerpath.organisations.tests.factories import OrganisationFactory


class ForumFactory(factory.django.DjangoModelFactory):
    """A reflective practice session a week from today, with no learning notes yet."""

    class Meta:
        model = Forum

    organisation = factory.SubFactory(OrganisationFactory)
    kind = ForumKind.REFLECTIVE_PRACTICE
    starts_at = factory.LazyFunction(
        lambda: timezone.make_aware(
            datetime.combine(timezone.localdate() + timedelta(days=7), time(14))
        )
    )
    place = "Team base"
    theme = "Keeping boundaries"
    created_by = factory.SubFactory(UserFactory)


class ForumInvitationFactory(factory.django.DjangoModelFactory):
    """An invitation whose attendance is not recorded yet."""

    class Meta:
        model = ForumInvitation

    forum = factory.SubFactory(ForumFactory)
    organisation = factory.SelfAttribute("forum.organisation")
    invitee = factory.SubFactory(UserFactory)
