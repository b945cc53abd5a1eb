"""Every kind of record PeerPath keeps about a person, for their copy (subject access) and
for destruction after retention review: one `Source` per model.

A source says how to find the person's rows (`rows`), which fields go in the copy, under
which plain label (an allowlist: a field not named here never leaves PeerPath), and what a
reviewer must look at before the person gets it (`flags`):

- `THIRD_PARTY`: it holds information about someone else (a family member, who raised a
  concern, who was told, what a supervisor was told);
- `SAFEGUARDING`: a safeguarding record; only a safeguarding lead may release it;
- `WITHHELD`: withheld from the person with a recorded reason (per row, `row_flags`).

An unflagged row is released as it is; a flagged one waits for a reviewer (hazard H12).

`test_sar_registry` walks every model: one that points at `caseload.Person`, or at a model
that does, must be a source here or be in `NOT_IN_SAR` with the reason. A new model fails
that test until it is added, in ONE entry below.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.apps import apps
from django.db import models
from django.utils import timezone

THIRD_PARTY = "third_party"
SAFEGUARDING = "safeguarding"
WITHHELD = "withheld"

FLAG_LABELS = {
    THIRD_PARTY: "About someone else",
    SAFEGUARDING: "Safeguarding",
    WITHHELD: "Withheld from the person",
}

NO_FLAGS: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Source:
    model: str  # the model's label, lower case: "recovery.goal"
    title: str  # what the person's copy calls these records
    rows: Callable[[Any], "models.QuerySet[Any]"]  # the person's rows
    fields: tuple[tuple[str, str], ...]  # (attribute, plain label): the allowlist
    flags: frozenset[str] = NO_FLAGS
    # The labels of the fields a flag is about (offered first for redaction).
    flagged_fields: tuple[str, ...] = ()
    # Flags of one row (say, a note withheld with a reason), added to the source's own.
    row_flags: Callable[[Any], frozenset[str]] | None = None
    # For destruction: rows the person shares with others (a group, a supervision
    # session) are not deleted; the person is taken out of this many-to-many field.
    unlink: str = ""
    label: Callable[[Any], str] = field(default=str)

    def model_class(self) -> type[models.Model]:
        return apps.get_model(self.model)

    def flags_of(self, obj: Any) -> frozenset[str]:
        extra = self.row_flags(obj) if self.row_flags is not None else NO_FLAGS
        return self.flags | extra

    def serialise(self, obj: Any) -> dict[str, Any]:
        """The row's allowlisted fields under their plain labels."""
        return {label: _value(obj, name) for name, label in self.fields}


def _value(obj: Any, name: str) -> Any:
    display = getattr(obj, f"get_{name}_display", None)
    if callable(display):
        return str(display())
    value = obj
    for part in name.split("__"):
        value = getattr(value, part, None)
        if value is None:
            return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%-d %B %Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%-d %B %Y")
    if isinstance(value, int | float | dict | list | str):
        return value
    return str(value)


def _withheld_note(note: Any) -> frozenset[str]:
    from peerpath.contacts.selectors import withholding_in_force

    return frozenset({WITHHELD}) if withholding_in_force(note) is not None else NO_FLAGS


def _model(label: str) -> Any:
    return apps.get_model(label)


def _of(label: str, path: str) -> Callable[[Any], "models.QuerySet[Any]"]:
    """The rows of `label` whose `path` (`person`, `goal__person` …) is the person."""

    def rows(person: Any) -> "models.QuerySet[Any]":
        return _model(label)._default_manager.filter(**{path: person}).order_by("pk")

    return rows


SOURCES_IN_ORDER: tuple[Source, ...] = (
    Source(
        "caseload.person",
        "Your details",
        lambda person: _model("caseload.person")._default_manager.filter(pk=person.pk),
        (
            ("full_name", "Full name"),
            ("preferred_name", "Preferred name"),
            ("pronouns", "Pronouns"),
            ("date_of_birth", "Date of birth"),
            ("nhs_number", "NHS number"),
            ("phone", "Phone"),
            ("email", "Email"),
            ("address", "Address"),
            ("contact_preferences", "How you like to be contacted"),
            ("communication_needs", "Communication needs"),
            ("what_matters", "What matters to you"),
            ("team", "Team"),
            ("created_at", "Record started"),
        ),
        label=lambda obj: "Your details",
    ),
    Source(
        "caseload.familymember",
        "Family members and carers",
        _of("caseload.familymember", "person"),
        (
            ("name", "Name"),
            ("relationship", "Relationship"),
            ("is_carer", "Carer"),
            ("phone", "Phone"),
            ("email", "Email"),
            ("may_be_told", "May be told"),
        ),
        flags=frozenset({THIRD_PARTY}),
        flagged_fields=("Name", "Phone", "Email"),
    ),
    Source(
        "caseload.portalagreement",
        "Your agreement to use PeerPath yourself",
        _of("caseload.portalagreement", "person"),
        (
            ("agreed_on", "Agreed on"),
            ("how", "How you agreed"),
            ("note", "Note"),
            ("recorded_by", "Recorded by"),
            ("ended_at", "Ended"),
        ),
    ),
    Source(
        "caseload.peerrelationship",
        "Peer support",
        _of("caseload.peerrelationship", "person"),
        (
            ("status", "Status"),
            ("worker", "Peer support worker"),
            ("team", "Team"),
            ("source", "How you were referred"),
            ("reason", "Reason for referral"),
            ("experience_wanted", "Experience you wanted"),
            ("referred_on", "Referred on"),
            ("offered_on", "Offered on"),
            ("choice_recorded_on", "Your choice recorded on"),
            ("choice_note", "Your choice"),
            ("first_met_on", "First met on"),
            ("meeting_place", "Where you meet"),
            ("planned_end_on", "Planned end"),
            ("ended_on", "Ended on"),
            ("ending_summary", "Ending summary"),
            ("transition_to", "Moving on to"),
            ("continuity_plan", "Continuity plan"),
        ),
    ),
    Source(
        "caseload.relationshipevent",
        "Peer support history",
        _of("caseload.relationshipevent", "relationship__person"),
        (("at", "When"), ("by", "By"), ("text", "What happened")),
    ),
    Source(
        "recovery.goal",
        "Your goals",
        _of("recovery.goal", "person"),
        (
            ("in_own_words", "Goal"),
            ("why_it_matters", "Why it matters"),
            ("strengths", "Strengths"),
            ("status", "Status"),
            ("created_at", "Added"),
        ),
    ),
    Source(
        "recovery.goalstep",
        "Steps towards your goals",
        _of("recovery.goalstep", "goal__person"),
        (("goal__in_own_words", "Goal"), ("text", "Step"), ("due_on", "By"), ("done_on", "Done")),
    ),
    Source(
        "recovery.goalupdate",
        "Progress and successes",
        _of("recovery.goalupdate", "goal__person"),
        (
            ("goal__in_own_words", "Goal"),
            ("on", "On"),
            ("text", "What happened"),
            ("is_success", "A success"),
            ("by", "Recorded by"),
        ),
    ),
    Source(
        "recovery.document",
        "Your plans",
        _of("recovery.document", "person"),
        (("kind", "Plan"), ("current_version", "Current version"), ("review_on", "Review on")),
    ),
    Source(
        "recovery.documentproposal",
        "Changes to your plans you suggested",
        _of("recovery.documentproposal", "person"),
        (
            ("kind", "Plan"),
            ("based_on", "Based on version"),
            ("content", "What you suggested"),
            ("note", "Your note"),
            ("proposed_at", "Suggested"),
            ("status", "Answer"),
            ("decision_note", "Why"),
            ("decided_at", "Answered"),
        ),
    ),
    Source(
        "recovery.documentversion",
        "Versions of your plans",
        _of("recovery.documentversion", "document__person"),
        (
            ("document__kind", "Plan"),
            ("number", "Version"),
            ("content", "What it says"),
            ("change_note", "What changed"),
            ("written_together", "Written together"),
            ("changed_by", "Saved by"),
            ("created_at", "Saved"),
        ),
    ),
    Source(
        "recovery.copingworksheet",
        "Coping worksheets",
        _of("recovery.copingworksheet", "person"),
        (
            ("problem", "Problem"),
            ("parts", "Its parts"),
            ("ideas", "Ideas"),
            ("chosen", "Chosen"),
            ("plan", "Plan"),
            ("review", "Review"),
        ),
    ),
    Source(
        "recovery.meaningfulactivity",
        "Meaningful activities",
        _of("recovery.meaningfulactivity", "person"),
        (
            ("activity", "Activity"),
            ("how_often", "How often"),
            ("what_it_gives", "What it gives you"),
            ("started_on", "Started"),
        ),
    ),
    Source(
        "recovery.digitalintervention",
        "Apps and online tools",
        _of("recovery.digitalintervention", "person"),
        (("name", "Name"), ("how_used", "How you use it"), ("helpfulness", "How helpful")),
    ),
    Source(
        "contacts.contactnote",
        "Notes of meetings",
        _of("contacts.contactnote", "person"),
        (
            ("contact_on", "Date"),
            ("kind", "Kind"),
            ("place", "Where"),
            ("duration_minutes", "Minutes"),
            ("note", "Note"),
            ("author", "Written by"),
            ("signed_at", "Signed"),
        ),
        # A note held back from the person with a recorded reason waits for a reviewer.
        row_flags=lambda note: _withheld_note(note),
    ),
    Source(
        "contacts.noteresponse",
        "Your views on notes",
        _of("contacts.noteresponse", "person"),
        (("note__contact_on", "Note of"), ("text", "Your view"), ("written_at", "Written")),
    ),
    Source(
        "contacts.noteamendment",
        "Amendments to notes",
        _of("contacts.noteamendment", "note__person"),
        (
            ("note__contact_on", "Note of"),
            ("text", "Amendment"),
            ("reason", "Reason"),
            ("by", "By"),
            ("at", "When"),
        ),
    ),
    Source(
        "contacts.appointment",
        "Appointments",
        _of("contacts.appointment", "person"),
        (
            ("starts_at", "When"),
            ("what", "What"),
            ("place", "Where"),
            ("worker", "With"),
            ("how_it_went", "How it went"),
            ("cancelled", "Cancelled"),
        ),
    ),
    Source(
        "contacts.signpost",
        "Services you were told about",
        _of("contacts.signpost", "person"),
        (
            ("service", "Service"),
            ("note", "Note"),
            ("follow_up_on", "Follow up on"),
            ("outcome", "Outcome"),
            ("outcome_note", "About the outcome"),
        ),
    ),
    Source(
        "contacts.appointmentrequest",
        "Changes to appointments you asked for",
        _of("contacts.appointmentrequest", "person"),
        (
            ("appointment__starts_at", "Appointment"),
            ("kind", "What you asked"),
            ("message", "Your message"),
            ("made_at", "Asked"),
            ("status", "Answer"),
            ("answer", "What we said"),
            ("answered_at", "Answered"),
        ),
    ),
    Source(
        "governance.sharingconsent",
        "Who your record is shared with",
        _of("governance.sharingconsent", "person"),
        (
            ("recipient", "Shared with"),
            ("scope", "What"),
            ("granted_at", "Agreed"),
            ("withdrawn_at", "Withdrawn"),
        ),
        # Names a family member or carer.
        flags=frozenset({THIRD_PARTY}),
        flagged_fields=("Shared with",),
    ),
    Source(
        "governance.carermessage",
        "Messages from your family or carers to your peer support worker",
        _of("governance.carermessage", "person"),
        (("sender", "From"), ("text", "Message"), ("sent_at", "Sent"), ("to_worker", "To")),
        # Written by someone else, about the person.
        flags=frozenset({THIRD_PARTY}),
        flagged_fields=("From", "Message"),
    ),
    Source(
        "governance.safeguardingconcern",
        "Safeguarding concerns",
        _of("governance.safeguardingconcern", "person"),
        (
            ("raised_at", "Raised"),
            ("raised_by", "Raised by"),
            ("abuse_type", "Kind of concern"),
            ("who_is_at_risk", "Who is at risk"),
            ("what_was_said", "What was said"),
            ("actions_taken", "Actions taken"),
            ("status", "Status"),
            ("outcome", "Outcome"),
        ),
        flags=frozenset({SAFEGUARDING, THIRD_PARTY}),
        flagged_fields=("Raised by", "Who is at risk", "What was said"),
    ),
    Source(
        "governance.concernaction",
        "Safeguarding actions",
        _of("governance.concernaction", "person"),
        (("kind", "Action"), ("happened_at", "When"), ("with_whom", "With"), ("what", "What")),
        flags=frozenset({SAFEGUARDING, THIRD_PARTY}),
        flagged_fields=("With", "What"),
    ),
    Source(
        "governance.disclosure",
        "Information shared without your agreement",
        _of("governance.disclosure", "person"),
        (
            ("at", "When"),
            ("told_whom", "Who was told"),
            ("what_was_shared", "What was shared"),
            ("justification", "Why"),
            ("person_told", "You were told"),
        ),
        flags=frozenset({THIRD_PARTY}),
        flagged_fields=("Who was told",),
        # One held back from the person with a recorded reason waits for a reviewer too.
        row_flags=lambda d: (
            frozenset({WITHHELD}) if getattr(d, "withheld_from_person", "") else NO_FLAGS
        ),
    ),
    Source(
        "groups.peergroup",
        "Peer groups",
        _of("groups.peergroup", "members"),
        (("name", "Group"), ("purpose", "Purpose"), ("where", "Where")),
        unlink="members",
    ),
    Source(
        "groups.attendance",
        "Group sessions",
        _of("groups.attendance", "person"),
        (("session__starts_at", "When"), ("session__topic", "Topic"), ("presence", "Attended")),
    ),
    Source(
        "supervision.supervisionsession",
        "Mentions in a worker's supervision",
        _of("supervision.supervisionsession", "caseload_people"),
        (("held_on", "Held on"), ("caseload_review", "Caseload discussed")),
        flags=frozenset({THIRD_PARTY}),
        flagged_fields=("Caseload discussed",),
        unlink="caseload_people",
    ),
    Source(
        "observation.observation",
        "Observations of a worker's practice you agreed to",
        _of("observation.observation", "person"),
        (
            ("observed_on", "On"),
            ("activity", "Activity"),
            ("setting", "Setting"),
            ("consent_given", "You agreed"),
            ("consent_method", "How you agreed"),
            ("consent_note", "About your agreement"),
        ),
    ),
    Source(
        "oversight.urgentaccess",
        "Urgent access to your crisis plan",
        _of("oversight.urgentaccess", "person"),
        (
            ("started_at", "When"),
            ("granted_to", "Who"),
            ("role_used", "Their role"),
            ("reason_kind", "Why"),
            ("reason", "The reason they gave"),
            ("ended_at", "Ended"),
            ("review_outcome", "Checked afterwards"),
        ),
    ),
    Source(
        "rights.rectification",
        "Corrections you asked for",
        _of("rights.rectification", "person"),
        (
            ("raised_at", "Asked"),
            ("about", "About"),
            ("object_label", "Which record"),
            ("what_is_wrong", "What was wrong"),
            ("should_say", "What it should say"),
            ("status", "Answer"),
            ("answer", "Why"),
            ("answered_at", "Answered"),
        ),
    ),
    Source(
        "rights.retentionreview",
        "Reviews of how long your record is kept",
        _of("rights.retentionreview", "person"),
        (("due_on", "Due"), ("decision", "Decision"), ("keep_until", "Keep until")),
    ),
)

SOURCES: dict[str, Source] = {source.model: source for source in SOURCES_IN_ORDER}

# Models linked to a person that are not in their copy, and why.
NOT_IN_SAR: dict[str, str] = {
    "rights.accessrequest": "the request itself heads the copy ('request')",
    "rights.accesspackitem": "the copy's own contents, snapshots of the records above",
    "rights.accesspackfile": "the copy's own files",
    "rights.tombstone": "written only once the record is destroyed; it names nobody",
    "contacts.notewithholding": "it holds a note back; the note itself is flagged for review",
    "core.auditevent": "the copy's access log ('access_log') lists these",
    "groups.groupsession": "each session the person attended is in Attendance",
    "supervision.supervisionaction": "a worker's supervision actions, about the worker",
    "supervision.sessionaddendum": "a worker's supervision record, about the worker",
    "observation.observationrating": "a rating of the worker's practice, about the worker",
    "observation.observationaddendum": "a note on the worker's practice, about the worker",
    "observation.developmentplan": "the worker's development plan, about the worker",
}


def sources() -> Iterable[Source]:
    """Every source, in the order the copy lists them."""
    return SOURCES.values()
