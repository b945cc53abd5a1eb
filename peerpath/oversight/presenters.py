""" "Who has seen my record" in plain words, from audit rows.

Consecutive rows by the same person, on the same day, doing the same kind of thing, make
one sentence: "Jordan Reid, your peer support worker, looked at your crisis plan and goals,
3 March, 4 times". The part of the record comes from the audit reason (the page's reason
given to `person_view`), else from the kind of object, else "your record". A reason is
shown when one was given that the person should know: urgent access (the reason typed,
which staff are told the person will read) and a safeguarding concern.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils import timezone

from peerpath.core.models import AuditAction, AuditEvent
from peerpath.core.roles import Role

from .models import UrgentAccess

# The role, as the person would say it of someone ("Jordan Reid, your peer support worker").
ROLE_WORDS: dict[str, str] = {
    Role.PSW: "your peer support worker",
    Role.SUPERVISOR: "a peer supervisor of your team",
    Role.SAFEGUARDING_LEAD: "a safeguarding lead",
    Role.ON_CALL: "from the on-call or crisis team",
    Role.CARER: "your carer",
    Role.ORG_ADMIN: "an organisation admin",
    Role.COORDINATOR: "a peer development coordinator",
    Role.TRAINER: "a trainer",
}
SOMEONE_ON_STAFF = "a member of staff"

VERBS: dict[str, str] = {
    AuditAction.VIEW: "looked at",
    AuditAction.EXPORT: "downloaded",
    AuditAction.CREATE: "added to",
    AuditAction.UPDATE: "changed",
}

# Words in a page's audit reason → the part of the record, first match wins (so "crisis
# plan" before "plan"). Every reason given to `person_view` has a label here (a test
# checks it); an unknown one falls back on the kind of object.
PART_BY_REASON: tuple[tuple[str, str], ...] = (
    ("crisis plan", "crisis plan"),
    ("recovery plan", "recovery plan"),
    ("advance statement", "advance statement"),
    ("plan", "plans"),
    ("goal", "goals"),
    ("step", "goals"),
    ("contact record", "notes of your meetings"),
    ("appointment", "appointments"),
    ("signpost", "services you were told about"),
    ("consent to share", "who you share your record with"),
    ("carer account", "who you share your record with"),
    ("family member", "family and carers"),
    ("disclosure", "information shared about you"),
    ("safeguarding concern", "record"),
    ("peer support", "peer support"),
    ("refer again", "peer support"),
    ("peer group", "peer groups"),
    ("recovery tools", "recovery tools"),
    ("coping worksheet", "recovery tools"),
    ("meaningful activity", "recovery tools"),
    ("digital intervention", "recovery tools"),
    ("person's details", "details"),
    ("messages from carers", "messages from your family or carers"),
    ("signing in to peerpath", "record, to let you sign in to PeerPath"),
    ("copy of the record", "record, to ask for a copy of it"),
    ("correction", "corrections you asked for"),
    ("listed", "name in a list"),
)
LISTED = "name in a list"
PART_BY_OBJECT: dict[str, str] = {
    "caseload.person": "record",
    "caseload.peerrelationship": "peer support",
    "caseload.familymember": "family and carers",
    "recovery.goal": "goals",
    "recovery.goalstep": "goals",
    "recovery.goalupdate": "goals",
    "recovery.document": "plans",
    "recovery.documentversion": "plans",
    "contacts.contactnote": "notes of your meetings",
    "contacts.appointment": "appointments",
    "contacts.signpost": "services you were told about",
    "governance.sharingconsent": "who you share your record with",
    "governance.disclosure": "information shared about you",
}
FALLBACK_PART = "record"

# What a carer reads is named by what is shared (the shared page's reason lists them).
SCOPE_WORDS: dict[str, str] = {
    "goals": "goals",
    "recovery_plan": "recovery plan",
    "crisis_plan": "crisis plan",
    "advance_statement": "advance statement",
    "appointments": "appointments",
}

_URGENT = re.compile(r"^urgent access (\d+)\b")
_CONCERN = re.compile(r"^safeguarding lead: open safeguarding concerns? [\d, ]+(?:; (.*))?$")
_CARER = re.compile(r"^shared with a carer: (.*)$")


@dataclass(frozen=True)
class Read:
    """What one audit row says, in words."""

    verb: str
    parts: tuple[str, ...]
    why: str = ""


def _part_from_reason(reason: str) -> str | None:
    text = reason.lower()
    for words, part in PART_BY_REASON:
        if words in text:
            return part
    return None


def part_of(reason: str, object_type: str) -> str:
    """The part of the record a row is about: from its reason, else its kind of object."""
    return _part_from_reason(reason) or PART_BY_OBJECT.get(object_type, FALLBACK_PART)


def read_of(event: AuditEvent, grants: Mapping[int, UrgentAccess]) -> Read:
    verb = VERBS.get(event.action, "looked at")
    reason = event.reason or ""
    urgent = _URGENT.match(reason)
    if urgent:
        grant = grants.get(int(urgent.group(1)))
        why = (
            f"urgent access, for {grant.get_reason_kind_display().lower()}: “{grant.reason}”"
            if grant
            else "urgent access"
        )
        if event.action == AuditAction.EXPORT:
            return Read("downloaded", ("crisis plan",), why)
        if event.action == AuditAction.VIEW:
            return Read(verb, ("crisis plan", "contact details"), why)
        return Read("asked for urgent access to", (FALLBACK_PART,), why)
    if reason.startswith("urgent access search") or reason.startswith("urgent access: "):
        return Read("looked you up", (), "to find you for urgent access")
    if event.object_type == "oversight.urgentaccess":
        return Read("checked", ("the urgent access to your record",))
    concern = _CONCERN.match(reason)
    if concern:
        rest = concern.group(1) or ""
        return Read(verb, (part_of(rest, event.object_type),), "during a safeguarding concern")
    carer = _CARER.match(reason)
    if carer:
        scopes = [
            SCOPE_WORDS[s.strip()] for s in carer.group(1).split(",") if s.strip() in SCOPE_WORDS
        ]
        return Read(verb, tuple(scopes) or ("what you share with them",))
    part = part_of(reason, event.object_type)
    if part == LISTED:
        return Read("saw", (part,))  # their name on someone's list, nothing more
    return Read(verb, (part,))


def _joined(parts: list[str]) -> str:
    words = [p if " you" in f" {p}" else f"your {p}" for p in parts]
    if not words:
        return ""
    if len(words) == 1:
        return words[0]
    # "your crisis plan and goals": "your" once, as people say it.
    if all(w.startswith("your ") for w in words):
        bare = [w.removeprefix("your ") for w in words]
        return f"your {', '.join(bare[:-1])} and {bare[-1]}"
    return f"{', '.join(words[:-1])} and {words[-1]}"


def day_words(day: date, today: date) -> str:
    if day == today:
        return "today"
    if day.year == today.year:
        return f"{day.day} {day:%B}"
    return f"{day.day} {day:%B %Y}"


@dataclass
class Seen:
    """One sentence of the list."""

    day: date
    actor_id: int
    name: str
    role: str
    verb: str
    why: str
    parts: list[str] = field(default_factory=list)
    times: int = 0
    last: tuple[Any, int] = (None, 0)  # the oldest row's (at, id): the next page is older

    def sentence(self, today: date) -> str:
        times = "once" if self.times == 1 else f"{self.times} times"
        who = f"{self.name}, {self.role}" if self.role else self.name
        what = " ".join(w for w in (self.verb, _joined(self.parts)) if w)
        return f"{who}, {what}, {day_words(self.day, today)}, {times}"


def role_words(actor_role: str) -> str:
    if not actor_role:
        return SOMEONE_ON_STAFF
    return ROLE_WORDS.get(actor_role, SOMEONE_ON_STAFF)


def group(
    events: list[AuditEvent], names: Mapping[int, str], grants: Mapping[int, UrgentAccess]
) -> list[Seen]:
    """Consecutive rows of the same day, person, role, verb and reason shown, as one."""
    found: list[Seen] = []
    for event in events:
        if event.actor_id is None:  # automatic jobs: the selector leaves them out
            continue
        read = read_of(event, grants)
        day = timezone.localtime(event.at).date()
        last = found[-1] if found else None
        role = role_words(event.actor_role)
        if last is None or (last.day, last.actor_id, last.role, last.verb, last.why) != (
            day,
            event.actor_id,
            role,
            read.verb,
            read.why,
        ):
            last = Seen(
                day=day,
                actor_id=event.actor_id,
                name=names.get(event.actor_id, "Someone no longer at the organisation"),
                role=role,
                verb=read.verb,
                why=read.why,
            )
            found.append(last)
        last.times += 1
        last.last = (event.at, event.pk)
        for part in read.parts:
            if part not in last.parts:
                last.parts.append(part)
    return found


def grant_ids(events: list[AuditEvent]) -> set[int]:
    """The urgent access grants the rows name (their reasons start "urgent access <pk>")."""
    found = set()
    for event in events:
        match = _URGENT.match(event.reason or "")
        if match:
            found.add(int(match.group(1)))
    return found
