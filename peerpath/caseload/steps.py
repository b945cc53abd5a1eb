"""The peer relationship's steps, declared once.

Each step says where it may start from (status, and whether someone is matched), the
statuses it may lead to, who may take it, and how its page reads. The views read this
table to offer a step (the links on the relationship page) and to accept its form; the
services read it to move the relationship only from where the step starts
(`services.take_step`). A new step, or a change to where one starts, is a change here.
"""

import operator
from collections.abc import Iterable
from dataclasses import dataclass
from functools import reduce
from typing import Any, NamedTuple

from django import forms
from django.db.models import Q

from peerpath.core.roles import Role

from .forms import (
    ChoiceForm,
    EndForm,
    EndingForm,
    FirstMeetingForm,
    TransferForm,
    WithdrawForm,
    WorkerChoiceForm,
)
from .models import OPEN_STATUSES, PeerRelationship, Status
from .scoping import CASELOAD_ROLES


class From(NamedTuple):
    """A place a step starts from: a status, and (when it matters) whether a worker is
    matched: True only with one, False only without one, None either way."""

    status: Status
    worker: bool | None = None

    def condition(self) -> Q:
        q = Q(status=self.status)
        return q if self.worker is None else q & Q(worker__isnull=not self.worker)

    def holds_for(self, relationship: PeerRelationship) -> bool:
        if relationship.status != self.status:
            return False
        return self.worker is None or (relationship.worker_id is not None) == self.worker


def _from(*statuses: Status, worker: bool | None = None) -> tuple[From, ...]:
    return tuple(From(status, worker) for status in statuses)


@dataclass(frozen=True)
class Step:
    name: str  # its page is "caseload:relationship-<name>"
    label: str  # the link on the relationship page
    heading: str
    starts_from: tuple[From, ...]
    # The statuses it may lead to; none: the status stays as it is.
    leads_to: tuple[Status, ...]
    form_class: type[forms.Form]
    done: str  # the success message; {name} is the person's name
    # The history entry, formatted with the form's data; "" when its service writes one.
    event: str = ""
    who: tuple[Role, ...] = CASELOAD_ROLES
    template: str = "caseload/relationship_step.jinja"
    today_field: str = ""  # a date field that starts as today
    then: str = "caseload:relationship"  # where the user lands once it is done
    # Extra keyword arguments for the form, taken from the page (see views).
    form_needs: tuple[str, ...] = ()

    @property
    def url_name(self) -> str:
        return f"caseload:relationship-{self.name}"

    def condition(self) -> Q:
        """Where the step starts from, as a filter on relationships."""
        return reduce(operator.or_, (start.condition() for start in self.starts_from))

    def applies_to(self, relationship: PeerRelationship) -> bool:
        """Where the step starts from, for a relationship in hand (no query)."""
        return any(start.holds_for(relationship) for start in self.starts_from)

    def may_take(self, roles: Iterable[Role]) -> bool:
        return bool(set(self.who) & set(roles))

    def leads_to_status(self, changes: dict[str, Any]) -> bool:
        """Whether the status these changes set (if any) is one the step leads to."""
        return "status" not in changes or changes["status"] in self.leads_to


OPEN = _from(*OPEN_STATUSES)
ACTIVE_OR_ENDING = _from(Status.ACTIVE, Status.ENDING)

# Who a supervisor can match with a worker: any referral not yet offered, and someone who
# said "yes" before anyone was matched (offered, with no worker: still waiting).
MATCH = Step(
    name="match",
    label="Match with a peer support worker",
    heading="Match with a peer support worker",
    starts_from=(From(Status.REFERRED), From(Status.OFFERED, worker=False)),
    leads_to=(),
    who=(Role.SUPERVISOR,),
    form_class=WorkerChoiceForm,
    form_needs=("workers",),
    template="caseload/relationship_match.jinja",
    event="Allocated to {worker.display_name}",
    done="{name} is matched with a peer support worker.",
)
# The person's own choice. A "no" ends the referral: no further contact.
CHOICE = Step(
    name="choice",
    label="Record the person's choice",
    heading="The person's choice",
    starts_from=_from(Status.REFERRED),
    leads_to=(Status.OFFERED, Status.DECLINED),
    form_class=ChoiceForm,
    template="caseload/relationship_choice.jinja",
    today_field="on",
    done="{name}'s choice is recorded.",
)
FIRST_MEETING = Step(
    name="first-meeting",
    label="Record the first meeting",
    heading="First meeting",
    # Someone still waiting for a worker meets nobody yet.
    starts_from=_from(Status.OFFERED, worker=True),
    leads_to=(Status.ACTIVE,),
    form_class=FirstMeetingForm,
    today_field="first_met_on",
    event="First meeting: purpose, boundaries and confidentiality discussed; consent to proceed",
    done="First meeting with {name} recorded. Peer support is active.",
)
ENDING = Step(
    name="ending",
    label="Prepare the ending",
    heading="Prepare the ending",
    starts_from=ACTIVE_OR_ENDING,
    leads_to=(Status.ENDING,),
    form_class=EndingForm,
    event="Ending planned for {planned_end_on:%-d %B %Y}",
    done="The ending with {name} is planned.",
)
END = Step(
    name="end",
    label="End peer support",
    heading="End peer support",
    starts_from=ACTIVE_OR_ENDING,
    leads_to=(Status.ENDED,),
    form_class=EndForm,
    today_field="ended_on",
    event="Peer support ended",
    done="Peer support with {name} has ended. The summary is saved.",
    # The record closes to the worker now; the summary they wrote stays readable.
    then="caseload:relationship-summary",
)
# Ownership moves: the new worker and team see the person; the old worker does not.
TRANSFER = Step(
    name="transfer",
    label="Transfer to another worker or team",
    heading="Transfer to another worker or team",
    starts_from=OPEN,
    leads_to=(),
    form_class=TransferForm,
    form_needs=("workers", "teams"),
    template="caseload/relationship_transfer.jinja",
    done="{name}'s peer support is transferred.",
)
# Sharing adds or removes one worker: its own page (views.relationship_share), offered
# while peer support is open.
SHARE = Step(
    name="share",
    label="Share with another worker",
    heading="Share with another worker",
    starts_from=OPEN,
    leads_to=(),
    form_class=WorkerChoiceForm,
    form_needs=("workers",),
    template="caseload/relationship_share.jinja",
    done="",
)
# The person no longer consents to peer support: it stops at once.
WITHDRAW = Step(
    name="withdraw",
    label="The person withdraws consent",
    heading="The person withdraws consent to peer support",
    starts_from=OPEN,
    leads_to=(Status.ENDED,),
    form_class=WithdrawForm,
    template="caseload/relationship_withdraw.jinja",
    done="{name}'s decision is recorded. Peer support has stopped.",
)

# In the order the relationship page offers them.
STEPS: tuple[Step, ...] = (MATCH, CHOICE, FIRST_MEETING, ENDING, END, TRANSFER, SHARE, WITHDRAW)


def offered(relationship: PeerRelationship, roles: Iterable[Role]) -> list[Step]:
    """The steps someone holding these roles may take now, for the relationship page."""
    held = set(roles)
    return [s for s in STEPS if s.applies_to(relationship) and s.may_take(held)]
