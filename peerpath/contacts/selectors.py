"""Reads of contact records, appointments and signposts.

Person-scoped reads take a person the caller has already been allowed to see
(`peerpath.caseload.scoping.get_person_or_404`, which audits the read) and look up the
sub-object within that person only: another person's id is a 404. The home-page reads
take the worker and organisation and scope to the worker's current caseload.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    When,
    Window,
)
from django.db.models.functions import RowNumber
from django.http import Http404
from django.utils import timezone

from peerpath.caseload.models import Person
from peerpath.caseload.scoping import caseload_relationships
from peerpath.core.actor import Actor
from peerpath.directory.models import Service
from peerpath.directory.selectors import service_search
from peerpath.organisations.models import Organisation
from peerpath.recovery.models import Goal

from .models import (
    Appointment,
    AppointmentRequest,
    ContactNote,
    NoteAmendment,
    NoteResponse,
    NoteWithholding,
    RequestStatus,
    Signpost,
)

PANEL_NOTES = 5
PANEL_APPOINTMENTS = 3
PANEL_SIGNPOSTS = 5


# Contact records


def note_list_for_person(person: Person) -> QuerySet[ContactNote]:
    """The person's contact records, newest first, with their amendment counts."""
    return (
        ContactNote.objects.filter(person=person, organisation_id=person.organisation_id)
        .select_related("author")
        .annotate(amendment_count=Count("amendments"))
        .order_by("-contact_on", "-pk")
    )


def note_for_person_or_404(person: Person, pk: int) -> ContactNote:
    """One of this person's notes, with its author, goals, amendments and the person's
    views (4 queries)."""
    note = (
        ContactNote.objects.filter(person=person, organisation_id=person.organisation_id, pk=pk)
        .select_related("author")
        .prefetch_related(
            Prefetch("goals", queryset=Goal.objects.order_by("created_at", "pk")),
            Prefetch(
                "amendments", queryset=NoteAmendment.objects.select_related("by").order_by("at")
            ),
            Prefetch("responses", queryset=_responses()),
        )
        .first()
    )
    if note is None:
        raise Http404
    return note


def _responses() -> QuerySet[NoteResponse]:
    return NoteResponse.objects.select_related("written_by").order_by("written_at", "pk")


def withholding_in_force(note: ContactNote) -> NoteWithholding | None:
    """The note's withholding in force (held back from the person), if any: one query."""
    return (
        NoteWithholding.objects.filter(note=note, lifted_at__isnull=True)
        .select_related("by")
        .first()
    )


def withholdings_of(note: ContactNote) -> list[NoteWithholding]:
    """Every withholding of the note, in force or lifted, newest first: one query."""
    return list(NoteWithholding.objects.filter(note=note).select_related("by", "lifted_by"))


def _withheld() -> Exists:
    return Exists(NoteWithholding.objects.filter(note=OuterRef("pk"), lifted_at__isnull=True))


# What the person reads of their own record (the SAR reads the same, and flags the rest)


def notes_for_person(person: Person) -> QuerySet[ContactNote]:
    """THE read of contact notes for the person themselves (their own pages, their copy):
    signed notes only, never drafts, and never a note held back from them, newest first,
    each with its author, amendments and the person's own views (3 queries however many).
    A withheld note is left out altogether, so not even its existence shows."""
    return (
        ContactNote.objects.filter(
            person=person, organisation_id=person.organisation_id, signed_at__isnull=False
        )
        .exclude(_withheld())
        .select_related("author")
        .prefetch_related(
            Prefetch(
                "amendments", queryset=NoteAmendment.objects.select_related("by").order_by("at")
            ),
            Prefetch("responses", queryset=_responses()),
        )
        .order_by("-contact_on", "-pk")
    )


def own_note_or_404(person: Person, pk: int) -> ContactNote:
    """One note as the person may read it (`notes_for_person`); else 404, the same answer
    for a draft, a withheld note, another person's note and no note at all."""
    note = notes_for_person(person).filter(pk=pk).first()
    if note is None:
        raise Http404
    return note


def notes_withheld_from(person: Person) -> QuerySet[ContactNote]:
    """The signed notes about the person that are held back from them now, with their
    withholdings: for the subject access request's reviewer, never for the person."""
    return (
        ContactNote.objects.filter(
            person=person, organisation_id=person.organisation_id, signed_at__isnull=False
        )
        .filter(_withheld())
        .select_related("author")
        .prefetch_related(
            Prefetch(
                "withholdings",
                queryset=NoteWithholding.objects.filter(lifted_at__isnull=True).select_related(
                    "by"
                ),
            )
        )
        .order_by("-contact_on", "-pk")
    )


def note_responses_of_person(person: Person) -> QuerySet[NoteResponse]:
    """Every view the person wrote about notes about them, oldest first (for their copy)."""
    return NoteResponse.objects.filter(
        person=person, organisation_id=person.organisation_id
    ).order_by("written_at", "pk")


def goals_of(person: Person) -> QuerySet[Goal]:
    """The goals a contact or appointment of this person may be linked to: theirs only."""
    return Goal.objects.filter(person=person, organisation_id=person.organisation_id).order_by(
        "created_at", "pk"
    )


def goal_of_or_none(person: Person, pk: Any) -> Goal | None:
    try:
        number = int(pk)
    except (TypeError, ValueError):
        return None
    return goals_of(person).filter(pk=number).first()


# Appointments


def appointments_for_person(person: Person) -> QuerySet[Appointment]:
    return (
        Appointment.objects.filter(person=person, organisation_id=person.organisation_id)
        .select_related("goal", "worker")
        .order_by("starts_at", "pk")
    )


@dataclass(frozen=True)
class AppointmentLists:
    upcoming: list[Appointment]
    past: list[Appointment]


def appointment_lists(
    person: Person, *, now: datetime, limit: int | None = None
) -> AppointmentLists:
    """Upcoming (soonest first) and past (latest first): two queries."""
    everything = appointments_for_person(person)
    if limit is not None:
        return appointment_lists_from(list(appointments_panel(person, now=now, limit=limit)), now)
    upcoming_qs = everything.filter(starts_at__gte=now)
    past_qs = everything.filter(starts_at__lt=now).order_by("-starts_at", "-pk")
    return AppointmentLists(list(upcoming_qs), list(past_qs))


def appointments_panel(person: Person, *, now: datetime, limit: int) -> QuerySet[Appointment]:
    """The record page's panel: the next `limit` and the last `limit` appointments in one
    query, each side of `now` cut by a window (issue 14: the page's statements)."""
    coming = Q(starts_at__gte=now)
    rank = Window(
        RowNumber(),
        partition_by=[ExpressionWrapper(coming, output_field=BooleanField())],
        order_by=[
            Case(When(coming, then=F("starts_at"))).asc(),
            Case(When(coming, then=F("pk"))).asc(),
            F("starts_at").desc(),
            F("pk").desc(),
        ],
    )
    return appointments_for_person(person).annotate(panel_rank=rank).filter(panel_rank__lte=limit)


def appointment_lists_from(rows: list[Appointment], now: datetime) -> AppointmentLists:
    upcoming = sorted((a for a in rows if a.starts_at >= now), key=lambda a: (a.starts_at, a.pk))
    past = sorted((a for a in rows if a.starts_at < now), key=lambda a: (a.starts_at, a.pk))
    return AppointmentLists(upcoming, past[::-1])


def next_appointment(person: Person, now: datetime) -> Appointment | None:
    """The person's next appointment not cancelled, as the appointment list shows it."""
    return appointments_for_person(person).filter(starts_at__gte=now, cancelled=False).first()


def appointment_for_person_or_404(person: Person, pk: int) -> Appointment:
    appointment = appointments_for_person(person).filter(pk=pk).first()
    if appointment is None:
        raise Http404
    return appointment


def requests_of(appointment: Appointment) -> list[AppointmentRequest]:
    """The person's requests about this appointment, newest first: one query."""
    return list(
        AppointmentRequest.objects.filter(appointment=appointment).select_related("answered_by")
    )


def request_of_or_404(appointment: Appointment, pk: int) -> AppointmentRequest:
    found = AppointmentRequest.objects.filter(appointment=appointment, pk=pk).first()
    if found is None:
        raise Http404
    return found


RECENT_APPOINTMENTS = timedelta(days=90)


def own_appointments(person: Person, *, now: datetime) -> AppointmentLists:
    """The person's own appointments: upcoming (soonest first) and those of the last 90
    days (latest first), cancelled ones included, each with its requests: 3 queries."""
    everything = appointments_for_person(person).prefetch_related(
        Prefetch("requests", queryset=AppointmentRequest.objects.order_by("-made_at", "-pk"))
    )
    upcoming = everything.filter(starts_at__gte=now)
    recent = everything.filter(starts_at__lt=now, starts_at__gte=now - RECENT_APPOINTMENTS)
    return AppointmentLists(list(upcoming), list(recent.order_by("-starts_at", "-pk")))


def appointment_requests_of_person(person: Person) -> QuerySet[AppointmentRequest]:
    """Every request the person made, newest first (for their copy)."""
    return AppointmentRequest.objects.filter(
        person=person, organisation_id=person.organisation_id
    ).select_related("appointment")


# Signposting


def signposts_for_person(person: Person) -> QuerySet[Signpost]:
    """Open ones first (by follow-up date), then those with an outcome (latest first)."""
    return (
        Signpost.objects.filter(person=person, organisation_id=person.organisation_id)
        .select_related("service", "by")
        .order_by("-outcome_recorded_on", "follow_up_on", "pk")
    )


@dataclass(frozen=True)
class SignpostLists:
    open: list[Signpost]
    done: list[Signpost]


def signpost_lists(person: Person, *, limit: int | None = None) -> SignpostLists:
    """Waiting for an outcome (follow-up soonest first) and done (latest first): two queries."""
    everything = signposts_for_person(person)
    if limit is not None:
        return signpost_lists_from(list(signposts_panel(person, limit=limit)))
    waiting = everything.filter(outcome="").order_by("follow_up_on", "pk")
    done = everything.exclude(outcome="").order_by("-outcome_recorded_on", "-pk")
    return SignpostLists(list(waiting), list(done))


def signpost_for_person_or_404(person: Person, pk: int) -> Signpost:
    signpost = signposts_for_person(person).filter(pk=pk).first()
    if signpost is None:
        raise Http404
    return signpost


def services_to_signpost(
    organisation: Organisation, *, text: str = "", need: str = "", locality: str = ""
) -> QuerySet[Service]:
    """The organisation's directory, searched the same way as the directory's own page."""
    return service_search(organisation, text=text, need=need, locality=locality)


def service_or_none(organisation: Organisation, pk: Any) -> Service | None:
    try:
        number = int(pk)
    except (TypeError, ValueError):
        return None
    return Service.objects.filter(organisation=organisation, pk=number).first()


# For the home pages


NEW_VIEWS_FOR = timedelta(days=14)


def views_since(actor: Actor, since: datetime) -> list[NoteResponse]:
    """The views people on the actor's caseload wrote about notes since `since`, newest
    first, each with its note and person: one query."""
    return list(
        NoteResponse.objects.filter(
            organisation=actor.organisation,
            written_at__gte=since,
            person_id__in=caseload_relationships(actor).values("person_id"),
        )
        .select_related("person", "note")
        .order_by("-written_at", "-pk")
    )


def appointment_requests_waiting(actor: Actor) -> list[AppointmentRequest]:
    """Requests to change or cancel an appointment still waiting for an answer, from the
    people on the actor's caseload, oldest first: one query."""
    return list(
        AppointmentRequest.objects.filter(
            organisation=actor.organisation,
            status=RequestStatus.WAITING,
            person_id__in=caseload_relationships(actor).values("person_id"),
        )
        .select_related("person", "appointment")
        .order_by("made_at", "pk")
    )


def last_contact_on(person_ids: Iterable[int]) -> dict[int, date]:
    """The date of each person's latest contact record (draft or signed): one query.

    People with no contact record are absent from the answer.
    """
    ids = list(person_ids)
    if not ids:
        return {}
    rows = (
        ContactNote.objects.filter(person_id__in=ids)
        .values("person_id")
        .annotate(last=Max("contact_on"))
        .order_by()
    )
    return {row["person_id"]: row["last"] for row in rows}


def people_without_contact_since(person_ids: Iterable[int], since: date) -> set[int]:
    """Which of these people have no contact recorded on or after `since`: one query."""
    ids = set(person_ids)
    if not ids:
        return set()
    seen = set(
        ContactNote.objects.filter(person_id__in=ids, contact_on__gte=since)
        .values_list("person_id", flat=True)
        .distinct()
    )
    return ids - seen


def follow_up_counts(person_ids: Iterable[int], today: date) -> dict[int, int]:
    """How many follow-ups are due (no outcome yet, date come) for each person: one query.

    People with none due are absent from the answer.
    """
    ids = list(person_ids)
    if not ids:
        return {}
    rows = (
        Signpost.objects.filter(person_id__in=ids, outcome="", follow_up_on__lte=today)
        .values("person_id")
        .annotate(due=Count("pk"))
        .order_by()
    )
    return {row["person_id"]: row["due"] for row in rows}


def follow_ups_due(actor: Actor, today: date) -> list[Signpost]:
    """Signposts with no outcome yet whose follow-up date has come, for the people on
    the actor's caseload now (their own relationships or shared): one query."""
    return list(
        Signpost.objects.filter(
            organisation=actor.organisation,
            outcome="",
            follow_up_on__lte=today,
            person_id__in=caseload_relationships(actor).values("person_id"),
        )
        .select_related("person", "service")
        .order_by("follow_up_on", "pk")
    )


def appointments_on(actor: Actor, day: date) -> list[Appointment]:
    """The appointments the actor accompanies someone to on this day (local time), not
    cancelled, for people still on their caseload: one query."""
    if actor.user is None:
        return []
    start = timezone.make_aware(datetime.combine(day, time.min))
    end = timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))
    return list(
        Appointment.objects.filter(
            organisation=actor.organisation,
            worker=actor.user,
            cancelled=False,
            starts_at__gte=start,
            starts_at__lt=end,
            person_id__in=caseload_relationships(actor).values("person_id"),
        )
        .select_related("person", "goal")
        .order_by("starts_at", "pk")
    )


# --- what governance may share with a carer (it asks `may_share` first) ----------------------

SHARED_APPOINTMENTS = 20


def appointments_as_shared(person: Person, now: datetime) -> list[Appointment]:
    """The person's coming appointments as a carer may see them (hazard H8): when, what
    and where only, the soonest first."""
    return list(
        Appointment.objects.filter(person=person, cancelled=False, starts_at__gte=now)
        .only("pk", "starts_at", "what", "place")
        .order_by("starts_at", "pk")[:SHARED_APPOINTMENTS]
    )


def signposts_panel(person: Person, *, limit: int) -> QuerySet[Signpost]:
    """The record page's panel: the first `limit` waiting for an outcome and the latest
    `limit` done, in one query, each cut by a window (issue 14: the page's statements)."""
    is_waiting = Q(outcome="")
    rank = Window(
        RowNumber(),
        partition_by=[ExpressionWrapper(is_waiting, output_field=BooleanField())],
        order_by=[
            Case(When(is_waiting, then=F("follow_up_on"))).asc(),
            Case(When(is_waiting, then=F("pk"))).asc(),
            F("outcome_recorded_on").desc(),
            F("pk").desc(),
        ],
    )
    return signposts_for_person(person).annotate(panel_rank=rank).filter(panel_rank__lte=limit)


def signpost_lists_from(rows: list[Signpost]) -> SignpostLists:
    rows = sorted(rows, key=lambda s: getattr(s, "panel_rank", 0))
    return SignpostLists([s for s in rows if s.outcome == ""], [s for s in rows if s.outcome != ""])
