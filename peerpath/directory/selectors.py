"""Reads of the service directory, for one organisation."""

from django.db.models import Q, QuerySet

from peerpath.core.actor import Actor
from peerpath.organisations.models import Organisation

from .models import Service


def service_search(
    organisation: Organisation, *, text: str = "", need: str = "", locality: str = ""
) -> QuerySet[Service]:
    """Entries of the organisation's directory matching every word of the text, and the
    need and locality if given. Takes the organisation, not the actor: the directory's page
    and the person page's signposting (contacts) search the same directory."""
    services = Service.objects.filter(organisation=organisation)
    for word in text.split()[:8]:
        services = services.filter(
            Q(name__icontains=word)
            | Q(remit__icontains=word)
            | Q(who_for__icontains=word)
            | Q(needs__icontains=word)
        )
    if need:
        services = services.filter(needs__icontains=need)
    if locality:
        services = services.filter(localities__icontains=locality)
    return services.order_by("name")


def services_of(*, actor: Actor) -> QuerySet[Service]:
    """The entries of the actor's organisation's directory (none without one)."""
    if actor.organisation is None:
        return Service.objects.none()
    return Service.objects.filter(organisation=actor.organisation)
