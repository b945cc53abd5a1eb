"""The demo's wellbeing: idempotent, as the rest of `seed_demo_data`."""

from peerpath.organisations.models import Organisation


def seed_wellbeing(organisation: Organisation) -> int:
    """Create what is missing; return how many records were new."""
    return 0
