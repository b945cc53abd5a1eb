"""The demo's workforce: idempotent, as the rest of `seed_demo_data`."""

from peerpath.organisations.models import Organisation


def seed_workforce(organisation: Organisation) -> int:
    """Create what is missing; return how many records were new."""
    return 0
