"""Reads of a worker's wellbeing. Private to the worker (ADR-020): the only read for anyone
else is `shared_with_supervisor`, which returns just the parts the worker chose to share.
The supervision app decides who the worker's supervisor is and asks this only for them."""

from dataclasses import dataclass

from peerpath.organisations.models import Organisation


@dataclass(frozen=True)
class SharedPart:
    heading: str  # e.g. "What helps me at work"
    text: str


def shared_with_supervisor(organisation: Organisation, worker_id: int) -> list[SharedPart]:
    """The parts of the worker's wellbeing plan and check-ins they chose to share with
    their supervisor, newest check-in first. (Filled in by the wellbeing work of issue 12.)"""
    return []
