"""Reads of the service directory, for one organisation."""

from django.db.models import Q, QuerySet

from peerpath.organisations.models import Organisation

from .models import Service


def service_search(
    organisation: Organisation, *, text: str = "", need: str = "", locality: str = ""
) -> QuerySet[Service]:
    """Entries matching every word of the text, and the need and locality if given."""
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


def service_lookup() -> QuerySet[Service]:
    return Service.objects.all()
