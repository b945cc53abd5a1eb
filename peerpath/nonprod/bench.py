"""The benchmark data set (issue 14): PeerPath's own tables, filled at a trust's, a region's
or England's size, fast and the same every time (a fixed random seed).

`build(size, scale=1, prefix="")` writes four organisations (the first holds most people,
so tenancy is real), their staff with memberships, people supported with peer
relationships (some shared), signed contact notes, goals, plan versions, safeguarding
concerns (mostly closed), training programmes, cohorts, enrolments, sessions and
attendance, and audit rows. Rows go in with PostgreSQL's COPY, or SQLite's executemany in
one transaction, with ids taken from each table's own sequence, so the generator never
reads a row back. Inserting signed notes and plan versions is allowed by their
append-only triggers; nothing is updated afterwards.

Each data set has one log-in per role whose pages the bench measures (`Personas`):
`bench_run` and the CI test (nonprod/tests/test_bench_flat.py) read them back by email.
Staff personas have an authenticator, as PeerPath requires of staff.
"""

import json
import random
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from peerpath.accounts.models import User
from peerpath.caseload.models import PeerRelationship, Person
from peerpath.contacts.models import ContactNote
from peerpath.core.models import AuditEvent
from peerpath.core.roles import Role
from peerpath.governance.models import SafeguardingConcern, concern_due_at
from peerpath.organisations.models import Membership, Organisation, Team
from peerpath.recovery.models import Document, DocumentVersion, Goal
from peerpath.training.models import (
    AttendanceRecord,
    Cohort,
    Enrolment,
    Programme,
    TrainingSession,
)

SEED = 14
PERSONA_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105 (bench log-ins only)
# The first organisation is the big one; the other three share the rest.
ORGANISATION_WEIGHTS = (0.7, 0.1, 0.1, 0.1)
# Staff of an organisation, by role, as shares of its staff (each role at least one).
STAFF_MIX = (
    (Role.PSW, 0.60),
    (Role.TRAINEE, 0.18),
    (Role.SUPERVISOR, 0.08),
    (Role.TRAINER, 0.05),
    (Role.SAFEGUARDING_LEAD, 0.03),
    (Role.ORG_ADMIN, 0.02),
    (Role.COORDINATOR, 0.02),
    (Role.ON_CALL, 0.02),
)
PSWS_PER_TEAM = 10
TRAINEES_PER_COHORT = 12
SESSIONS_PER_COHORT = 8


@dataclass(frozen=True)
class Size:
    people: int
    contacts: int
    audit: int
    staff: int
    cohorts: int
    # The PSW persona's open caseload and their first person's notes: they grow with
    # `scale` in the CI's mini size, so a page that runs a query per row shows it.
    persona_caseload: int
    persona_notes: int


SIZES: dict[str, Size] = {
    # The CI test's mini size (scale 1 and 5).
    "XS": Size(
        people=40, contacts=200, audit=400, staff=30, cohorts=4, persona_caseload=3, persona_notes=3
    ),
    "S": Size(
        people=1_000,
        contacts=10_000,
        audit=50_000,
        staff=50,
        cohorts=4,
        persona_caseload=25,
        persona_notes=30,
    ),
    "M": Size(
        people=100_000,
        contacts=1_000_000,
        audit=5_000_000,
        staff=5_000,
        cohorts=110,
        persona_caseload=27,
        persona_notes=30,
    ),
    "L": Size(
        people=1_000_000,
        contacts=10_000_000,
        audit=50_000_000,
        staff=50_000,
        cohorts=1_100,
        persona_caseload=30,
        persona_notes=30,
    ),
}

# The roles whose pages are measured: one log-in each, in the first organisation.
PERSONA_ROLES = (
    Role.PSW,
    Role.SUPERVISOR,
    Role.ORG_ADMIN,
    Role.SAFEGUARDING_LEAD,
    Role.COORDINATOR,
    Role.TRAINER,
    Role.PERSON,
)


def persona_email(prefix: str, role: Role | str) -> str:
    return f"{prefix}bench-{Role(role).value.replace('_', '-')}@org0.bench.example"


@dataclass
class Personas:
    """The measured log-ins of one data set, and the person whose record is read."""

    users: dict[str, User]
    person: Person

    @classmethod
    def load(cls, prefix: str = "") -> "Personas":
        users = {
            str(role): User.objects.get(email=persona_email(prefix, role)) for role in PERSONA_ROLES
        }
        person = Person.objects.get(user=users[str(Role.PERSON)])
        return cls(users=users, person=person)


# --- writing rows fast ------------------------------------------------------------------


class Writer:
    """Bulk rows into one model's table: COPY on PostgreSQL, executemany on SQLite.

    `write(model, names, rows)` takes the values of `names` per row; every other column
    gets its field's default (auto_now fields: the moment the build started).
    """

    BATCH = 20_000

    def __init__(self, now: datetime, rng: random.Random) -> None:
        self.vendor = connection.vendor
        self.now = now
        self.rng = rng
        self.counts: dict[str, int] = {}
        self.next_id: dict[str, int] = {}  # SQLite: ids handed out, not yet written

    def ids(self, model: type[models.Model], n: int) -> list[int]:
        """`n` new primary keys from the table's own sequence (no row read back)."""
        table = model._meta.db_table
        if n == 0:
            return []
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                    [table, n],
                )
                return [row[0] for row in cursor.fetchall()]
            if table not in self.next_id:
                cursor.execute(f'SELECT COALESCE(MAX("id"), 0) FROM "{table}"')  # noqa: S608
                self.next_id[table] = cursor.fetchone()[0] + 1
            start = self.next_id[table]
            self.next_id[table] += n
            return list(range(start, start + n))

    def _filler(self, f: models.Field) -> Callable[[], Any]:
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            return lambda: self.now
        if f.has_default() and callable(f.default):
            if f.default is timezone.now:
                return lambda: self.now
            if f.default is uuid.uuid4:
                return lambda: uuid.UUID(int=self.rng.getrandbits(128), version=4)
            return f.default
        value = f.get_default()
        return lambda: value

    def _converter(self, f: models.Field) -> Callable[[Any], Any] | None:
        if isinstance(f, models.JSONField):
            return lambda v: None if v is None else json.dumps(v)
        if isinstance(f, models.UUIDField) and self.vendor == "sqlite":
            return lambda v: None if v is None else v.hex
        if self.vendor != "sqlite":
            return None
        if isinstance(f, models.DateTimeField):
            return lambda v: (
                None if v is None else v.astimezone(UTC).replace(tzinfo=None).isoformat(" ")
            )
        if isinstance(f, models.DateField):
            return lambda v: None if v is None else v.isoformat()
        return None

    def write(
        self, model: type[models.Model], names: Sequence[str], rows: Iterable[Sequence[Any]]
    ) -> int:
        meta = model._meta
        by_name = {f.name: f for f in meta.concrete_fields}
        given = [by_name[n] for n in names]
        rest = [
            f
            for f in meta.concrete_fields
            if f.name not in names and not (f.primary_key and f.name == "id")
        ]
        fillers = [self._filler(f) for f in rest]
        fields = given + rest
        converters = [(i, c) for i, f in enumerate(fields) if (c := self._converter(f))]
        columns = ", ".join(f'"{f.column}"' for f in fields)
        table = meta.db_table

        def full_rows() -> Iterator[tuple[Any, ...]]:
            for row in rows:
                values = [*row, *(fill() for fill in fillers)]
                for i, convert in converters:
                    values[i] = convert(values[i])
                yield tuple(values)

        n = 0
        with connection.cursor() as cursor:
            raw = cursor.cursor
            if self.vendor == "postgresql":
                with raw.copy(f'COPY "{table}" ({columns}) FROM STDIN') as copy:
                    for values in full_rows():
                        copy.write_row(values)
                        n += 1
            else:
                marks = ", ".join("?" for _ in fields)
                sql = f'INSERT INTO "{table}" ({columns}) VALUES ({marks})'  # noqa: S608
                batch: list[tuple[Any, ...]] = []
                for values in full_rows():
                    batch.append(values)
                    if len(batch) >= self.BATCH:
                        raw.executemany(sql, batch)
                        n += len(batch)
                        batch = []
                if batch:
                    raw.executemany(sql, batch)
                    n += len(batch)
        self.counts[table] = self.counts.get(table, 0) + n
        return n


# --- words ------------------------------------------------------------------------------

FIRST = (
    "Alex",
    "Sam",
    "Jordan",
    "Priya",
    "Robin",
    "Morgan",
    "Jamie",
    "Casey",
    "Taylor",
    "Riley",
    "Avery",
    "Quinn",
    "Charlie",
    "Rowan",
    "Ellis",
    "Harper",
    "Kai",
    "Noor",
    "Amara",
    "Tomasz",
    "Aisha",
    "Declan",
    "Mei",
    "Oluwaseun",
    "Niamh",
    "Ravi",
    "Zofia",
    "Yusuf",
)
LAST = (
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Williams",
    "Wilson",
    "Johnson",
    "Davies",
    "Patel",
    "Wright",
    "Khan",
    "Evans",
    "Walker",
    "Hughes",
    "Green",
    "Okafor",
    "Nowak",
    "Murphy",
    "Chen",
    "Begum",
    "Reid",
    "Shah",
    "Mensah",
    "Whitfield",
    "Osei",
    "Byrne",
    "Kowalski",
)
NOTE_PARTS = (
    "We met at the community café and talked about the week.",
    "They said the new routine with the morning walk is helping.",
    "We looked at the recovery plan together and updated what keeps them well.",
    "They found the housing meeting stressful; we planned what to say next time.",
    "They want to try the art class at the recovery college.",
    "We talked about sleep and what helped in the past.",
    "They shared some worries about money; we looked at the advice service together.",
    "Good session: they feel more confident about going back to volunteering.",
)
GOALS = (
    "Get back to swimming once a week",
    "Feel confident using the bus on my own",
    "Find a volunteering role I enjoy",
    "Sleep better and keep a routine",
    "Reconnect with my brother",
    "Cook a proper meal three times a week",
)
PLAN = {
    "recovery_means": "Living a life I choose, with people I trust around me.",
    "keeps_me_well": "Walking in the morning, music, seeing my sister on Sundays.",
}


def _name(i: int) -> str:
    return f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]} {i}"


def _split(total: int, weights: Sequence[float]) -> list[int]:
    parts = [int(total * w) for w in weights]
    parts[0] += total - sum(parts)
    return parts


# --- the build --------------------------------------------------------------------------


@dataclass
class OrgData:
    organisation_id: int
    teams: list[int] = field(default_factory=list)
    staff: dict[str, list[int]] = field(default_factory=dict)
    team_of: dict[int, int] = field(default_factory=dict)
    people: list[int] = field(default_factory=list)
    person_team: dict[int, int] = field(default_factory=dict)
    worker_of: dict[int, int] = field(default_factory=dict)
    person_user: int | None = None


def build(
    size: str, *, scale: int = 1, prefix: str = "", seed: int = SEED, log: Callable[[str], None]
) -> dict[str, Any]:
    """Write one data set; return what was written (rows per table) and how long it took."""
    spec = SIZES[size]
    rng = random.Random(f"{seed}-{prefix}")  # noqa: S311 (made-up data, not secrets)
    now = timezone.now().replace(microsecond=0)
    today = timezone.localdate()
    writer = Writer(now, rng)
    started = time.monotonic()
    with transaction.atomic():
        orgs = _organisations(writer, spec, scale, prefix)
        log(f"organisations, teams, staff: {time.monotonic() - started:.1f}s")
        _personas(writer, orgs[0], spec, prefix)
        _people(writer, orgs, spec, scale, today, rng)
        log(f"people and relationships: {time.monotonic() - started:.1f}s")
        _records(writer, orgs, spec, scale, now, today, rng)
        log(f"goals, plans, concerns: {time.monotonic() - started:.1f}s")
        _contacts(writer, orgs, spec, scale, today, rng, log, started)
        log(f"contact notes: {time.monotonic() - started:.1f}s")
        _training(writer, orgs, spec, scale, today, rng)
        log(f"training: {time.monotonic() - started:.1f}s")
        _audit(writer, orgs, spec, scale, now, rng, log, started)
        log(f"audit rows: {time.monotonic() - started:.1f}s")
    seconds = time.monotonic() - started
    rows = sum(writer.counts.values())
    return {
        "size": size,
        "scale": scale,
        "seed": seed,
        "seconds": round(seconds, 1),
        "rows": rows,
        "rows_per_second": round(rows / seconds) if seconds else None,
        "tables": writer.counts,
    }


def _organisations(writer: Writer, spec: Size, scale: int, prefix: str) -> list[OrgData]:
    org_ids = writer.ids(Organisation, len(ORGANISATION_WEIGHTS))
    writer.write(
        Organisation,
        ("id", "name", "slug", "kind"),
        (
            (oid, f"{prefix}Bench Trust {i}", f"{prefix}bench-trust-{i}", "nhs_trust")
            for i, oid in enumerate(org_ids)
        ),
    )
    orgs = [OrgData(oid) for oid in org_ids]
    staff_per_org = _split(spec.staff * scale, ORGANISATION_WEIGHTS)
    users: list[tuple[Any, ...]] = []
    memberships: list[tuple[Any, ...]] = []
    team_rows: list[tuple[Any, ...]] = []
    for o, (org, total) in enumerate(zip(orgs, staff_per_org, strict=True)):
        counts = {role: max(1, int(total * share)) for role, share in STAFF_MIX}
        n_teams = max(1, counts[Role.PSW] // PSWS_PER_TEAM)
        org.teams = writer.ids(Team, n_teams)
        team_rows += [
            (tid, org.organisation_id, f"Team {t + 1}") for t, tid in enumerate(org.teams)
        ]
        ids = iter(writer.ids(User, sum(counts.values())))
        for role, n in counts.items():
            org.staff[str(role)] = []
            for k in range(n):
                uid = next(ids)
                # Supervisors and PSWs belong to a team; supervisor k to team k (round).
                team = org.teams[k % n_teams] if role in (Role.PSW, Role.SUPERVISOR) else None
                org.staff[str(role)].append(uid)
                if team:
                    org.team_of[uid] = team
                email = f"{prefix}{role.value.replace('_', '-')}{k}@org{o}.bench.example"
                users.append((uid, email, _name(uid), "!bench"))
                memberships.append((org.organisation_id, uid, role.value, team))
    writer.write(Team, ("id", "organisation", "name"), team_rows)
    writer.write(User, ("id", "email", "full_name", "password"), users)
    writer.write(Membership, ("organisation", "user", "role", "team"), memberships)
    return orgs


def _personas(writer: Writer, org: OrgData, spec: Size, prefix: str) -> None:
    """One log-in per measured role in the first organisation (the person's comes later)."""
    from allauth.mfa.totp.internal.auth import TOTP

    ids = writer.ids(User, len(PERSONA_ROLES))
    team = org.teams[0]
    rows, memberships = [], []
    for uid, role in zip(ids, PERSONA_ROLES, strict=True):
        rows.append((uid, persona_email(prefix, role), f"Bench {role.label}", "!bench"))
        in_team = role in (Role.PSW, Role.SUPERVISOR)
        memberships.append((org.organisation_id, uid, role.value, team if in_team else None))
        if role != Role.PERSON:
            # First in the list, so the persona is also among the staff the data uses.
            org.staff[str(role)].insert(0, uid)
        if in_team:
            org.team_of[uid] = team
    writer.write(User, ("id", "email", "full_name", "password"), rows)
    writer.write(Membership, ("organisation", "user", "role", "team"), memberships)
    org.person_user = ids[PERSONA_ROLES.index(Role.PERSON)]
    for user in User.objects.filter(id__in=ids).exclude(id=ids[-1]):
        TOTP.activate(user, PERSONA_TOTP_SECRET)


def _people(
    writer: Writer,
    orgs: list[OrgData],
    spec: Size,
    scale: int,
    today: date,
    rng: random.Random,
) -> None:
    people_rows: list[tuple[Any, ...]] = []
    rel_rows: list[tuple[Any, ...]] = []
    shared_rows: list[tuple[Any, ...]] = []
    per_org = _split(spec.people * scale, ORGANISATION_WEIGHTS)
    caseload = spec.persona_caseload * (scale if spec is SIZES["XS"] else 1)
    for o, (org, n) in enumerate(zip(orgs, per_org, strict=True)):
        psws = org.staff[str(Role.PSW)]
        persona_psw = psws[0] if o == 0 else None
        others = psws[1:] if persona_psw and len(psws) > 1 else psws
        org.people = writer.ids(Person, n)
        rel_ids = writer.ids(PeerRelationship, n)
        for i, (pid, rid) in enumerate(zip(org.people, rel_ids, strict=True)):
            user = None
            if persona_psw and i < caseload:
                worker = persona_psw
                status = "active"
                if i == 0:
                    user = org.person_user
            else:
                worker = others[i % len(others)]
                roll = rng.random()
                status = (
                    "ended"
                    if roll < 0.4
                    else "referred"
                    if roll < 0.45
                    else "ending"
                    if roll < 0.5
                    else "active"
                )
                if status == "referred" and rng.random() < 0.5:
                    worker = None
            team = org.team_of.get(worker, org.teams[i % len(org.teams)]) if worker else None
            team = team or org.teams[i % len(org.teams)]
            org.person_team[pid] = team
            if worker and status != "ended":
                org.worker_of[pid] = worker
            elif worker:
                org.worker_of.setdefault(pid, worker)
            referred = today - timedelta(days=30 + rng.randrange(900))
            ended = status == "ended"
            ended_on = referred + timedelta(days=90 + rng.randrange(180)) if ended else None
            if ended_on and ended_on > today:
                ended_on = today
            people_rows.append(
                (
                    pid,
                    org.organisation_id,
                    team,
                    _name(pid),
                    date(1950 + pid % 55, 1 + pid % 12, 1 + pid % 28),
                    user,
                    # Filled by _contacts' authors etc.; the creator is the first worker.
                    worker,
                )
            )
            rel_rows.append(
                (
                    rid,
                    org.organisation_id,
                    pid,
                    team,
                    worker,
                    status,
                    "team",
                    "Referred by the community mental health team.",
                    referred,
                    referred + timedelta(days=14) if status != "referred" else None,
                    ended_on,
                    datetime.combine(ended_on, datetime.min.time(), tzinfo=UTC)
                    if ended_on
                    else None,
                    "Ended as planned." if ended else "",
                )
            )
            # About one open relationship in twenty is shared with a second worker; the
            # persona also has a few people shared with them.
            shared = None
            if persona_psw and caseload <= i < caseload + max(2, caseload // 5):
                shared = persona_psw
            elif status != "ended" and worker and rng.random() < 0.05 and len(others) > 1:
                shared = others[(i + 1) % len(others)]
            if shared and shared != worker:
                shared_rows.append((rid, shared))
    writer.write(
        Person,
        (
            "id",
            "organisation",
            "team",
            "full_name",
            "date_of_birth",
            "user",
            "created_by",
        ),
        people_rows,
    )
    writer.write(
        PeerRelationship,
        (
            "id",
            "organisation",
            "person",
            "team",
            "worker",
            "status",
            "source",
            "reason",
            "referred_on",
            "offered_on",
            "ended_on",
            "ended_at",
            "ending_summary",
        ),
        rel_rows,
    )
    through = PeerRelationship.shared_with.through
    writer.write(through, ("peerrelationship", "user"), shared_rows)


def _records(
    writer: Writer,
    orgs: list[OrgData],
    spec: Size,
    scale: int,
    now: datetime,
    today: date,
    rng: random.Random,
) -> None:
    goals: list[tuple[Any, ...]] = []
    documents: list[tuple[Any, ...]] = []
    versions: list[tuple[Any, ...]] = []
    concerns: list[tuple[Any, ...]] = []
    for org in orgs:
        psws = org.staff[str(Role.PSW)]
        lead = org.staff[str(Role.SAFEGUARDING_LEAD)][0]
        plan_kinds = []
        for i, pid in enumerate(org.people):
            author = org.worker_of.get(pid, psws[i % len(psws)])
            for g in range(1 + (i % 2)):
                goals.append(
                    (
                        org.organisation_id,
                        pid,
                        GOALS[(i + g) % len(GOALS)],
                        "Because it matters to me.",
                        "working_on" if g == 0 else "achieved",
                        author,
                    )
                )
            plan_kinds.append((pid, "recovery_plan", 1 + i % 3, author))
            if i % 5 < 2:
                plan_kinds.append((pid, "crisis_plan", 1 + i % 2, author))
            # About one person in twenty has had a concern, nine in ten of them closed;
            # every organisation's first four people have one of each kind (open and
            # overdue, open and not yet due, closed), so every size shows every case.
            if i < 4 or rng.random() < 0.05:
                raised = now - timedelta(days=rng.randrange(700), hours=rng.randrange(24))
                closed = rng.random() < 0.9 if i >= 4 else i >= 2
                immediacy = ("immediate", "today", "soon")[i % 3]
                if i == 1:  # open, due in a few days
                    raised, immediacy = now - timedelta(hours=2), "soon"
                concerns.append(
                    (
                        org.organisation_id,
                        pid,
                        author,
                        raised,
                        "self_neglect",
                        "The person.",
                        immediacy,
                        concern_due_at(raised, immediacy),
                        "They said they had not been eating.",
                        "Talked with them and told the supervisor.",
                        lead,
                        "closed" if closed else "open",
                        "Support put in place with the GP." if closed else "",
                        raised + timedelta(days=3) if closed else None,
                        lead if closed else None,
                    )
                )
        doc_ids = writer.ids(Document, len(plan_kinds))
        for did, (pid, kind, n_versions, author) in zip(doc_ids, plan_kinds, strict=True):
            review = today + timedelta(days=30 + did % 300)
            documents.append((did, org.organisation_id, pid, kind, n_versions, review))
            for number in range(1, n_versions + 1):
                versions.append(
                    (
                        org.organisation_id,
                        did,
                        number,
                        PLAN,
                        review,
                        "Reviewed together." if number > 1 else "",
                        True,
                        author,
                        now - timedelta(days=60 * (n_versions - number + 1)),
                    )
                )
    writer.write(
        Goal,
        ("organisation", "person", "in_own_words", "why_it_matters", "status", "created_by"),
        goals,
    )
    writer.write(
        Document,
        ("id", "organisation", "person", "kind", "current_version", "review_on"),
        documents,
    )
    writer.write(
        DocumentVersion,
        (
            "organisation",
            "document",
            "number",
            "content",
            "review_on",
            "change_note",
            "written_together",
            "changed_by",
            "created_at",
        ),
        versions,
    )
    writer.write(
        SafeguardingConcern,
        (
            "organisation",
            "person",
            "raised_by",
            "raised_at",
            "abuse_type",
            "who_is_at_risk",
            "immediacy",
            "due_at",
            "what_was_said",
            "actions_taken",
            "lead",
            "status",
            "outcome",
            "closed_at",
            "closed_by",
        ),
        concerns,
    )


def _contacts(
    writer: Writer,
    orgs: list[OrgData],
    spec: Size,
    scale: int,
    today: date,
    rng: random.Random,
    log: Callable[[str], None],
    started: float,
) -> None:
    total = spec.contacts * scale
    per_org = _split(total, ORGANISATION_WEIGHTS)
    persona_notes = spec.persona_notes * (scale if spec is SIZES["XS"] else 1)
    kinds = ("one_to_one", "phone", "video", "group", "accompanying")

    def rows() -> Iterator[tuple[Any, ...]]:
        for o, (org, n) in enumerate(zip(orgs, per_org, strict=True)):
            psws = org.staff[str(Role.PSW)]
            people = org.people
            first = people[0] if o == 0 else None
            for k in range(n):
                # The persona person (the first of the first organisation) gets exactly
                # `persona_notes`; the rest are spread over everyone else.
                if first is not None and k < persona_notes:
                    pid = first
                else:
                    pid = people[1 + k % (len(people) - 1)] if first else people[k % len(people)]
                author = org.worker_of.get(pid, psws[k % len(psws)])
                on = today - timedelta(days=rng.randrange(1, 1000))
                signed = datetime.combine(on, datetime.min.time(), tzinfo=UTC) + timedelta(hours=17)
                yield (
                    org.organisation_id,
                    pid,
                    author,
                    on,
                    kinds[k % len(kinds)],
                    30 + 15 * (k % 5),
                    " ".join(NOTE_PARTS[(k + j) % len(NOTE_PARTS)] for j in range(1 + k % 3)),
                    signed,
                    signed,
                )
                if k and k % 500_000 == 0:
                    log(f"  contact notes: {k:,} of org {o} ({time.monotonic() - started:.0f}s)")

    writer.write(
        ContactNote,
        (
            "organisation",
            "person",
            "author",
            "contact_on",
            "kind",
            "duration_minutes",
            "note",
            "signed_at",
            "created_at",
        ),
        rows(),
    )


def _training(
    writer: Writer,
    orgs: list[OrgData],
    spec: Size,
    scale: int,
    today: date,
    rng: random.Random,
) -> None:
    per_org = _split(max(len(orgs), spec.cohorts * scale), ORGANISATION_WEIGHTS)
    per_org = [max(1, n) for n in per_org]
    programmes, cohorts, facilitators, enrolments = [], [], [], []
    sessions, attendance = [], []
    for org, n_cohorts in zip(orgs, per_org, strict=True):
        trainers = org.staff[str(Role.TRAINER)]
        trainees = org.staff[str(Role.TRAINEE)]
        coordinator = org.staff[str(Role.COORDINATOR)][0]
        prog_ids = writer.ids(Programme, 2)
        for p, pid in enumerate(prog_ids):
            programmes.append(
                (pid, org.organisation_id, f"Peer support training {p + 1}", 75, 8, 1)
            )
        cohort_ids = writer.ids(Cohort, n_cohorts)
        enrol_ids = writer.ids(Enrolment, n_cohorts * TRAINEES_PER_COHORT)
        session_ids = writer.ids(TrainingSession, n_cohorts * SESSIONS_PER_COHORT)
        # A third of the cohorts run now (started 0 to 6 weeks ago, a session a week); the
        # older ones ended, three weeks apart.
        running = max(1, n_cohorts // 3)
        for c, cid in enumerate(cohort_ids):
            if c >= n_cohorts - running:
                starts = today - timedelta(days=7 * ((n_cohorts - 1 - c) % 7))
            else:
                starts = today - timedelta(days=7 * SESSIONS_PER_COHORT + 21 * (n_cohorts - c))
            cohorts.append(
                (cid, org.organisation_id, prog_ids[c % 2], f"Cohort {c + 1}", starts, "Room 1")
            )
            for t in {trainers[c % len(trainers)], trainers[0]}:
                facilitators.append((cid, t))
            mine = enrol_ids[c * TRAINEES_PER_COHORT : (c + 1) * TRAINEES_PER_COHORT]
            in_progress = starts + timedelta(days=7 * SESSIONS_PER_COHORT) > today
            chosen = [
                trainees[(c * TRAINEES_PER_COHORT + k) % len(trainees)]
                for k in range(TRAINEES_PER_COHORT)
            ]
            pairs = [(eid, uid) for eid, uid in zip(mine, dict.fromkeys(chosen), strict=False)]
            for eid, uid in pairs:
                status = "active" if in_progress else ("graduated" if eid % 6 else "withdrawn")
                enrolments.append((eid, org.organisation_id, cid, uid, status))
            mine_sessions = session_ids[c * SESSIONS_PER_COHORT : (c + 1) * SESSIONS_PER_COHORT]
            for s, sid in enumerate(mine_sessions):
                day = starts + timedelta(days=7 * s)
                sessions.append((sid, org.organisation_id, cid, s + 1, day, "Room 1"))
                if day < today:
                    for eid, _uid in pairs:
                        # Most attend; about one in six misses enough to be at risk.
                        status = "present" if rng.random() < 0.85 else "absent"
                        attendance.append((org.organisation_id, sid, eid, status, coordinator))
    writer.write(
        Programme,
        (
            "id",
            "organisation",
            "title",
            "attendance_threshold",
            "weeks",
            "days_per_week",
        ),
        programmes,
    )
    writer.write(
        Cohort, ("id", "organisation", "programme", "title", "starts_on", "place"), cohorts
    )
    writer.write(Cohort.facilitators.through, ("cohort", "user"), facilitators)
    writer.write(Enrolment, ("id", "organisation", "cohort", "trainee", "status"), enrolments)
    writer.write(
        TrainingSession, ("id", "organisation", "cohort", "number", "date", "place"), sessions
    )
    writer.write(
        AttendanceRecord,
        ("organisation", "session", "enrolment", "status", "recorded_by"),
        attendance,
    )


def _audit(
    writer: Writer,
    orgs: list[OrgData],
    spec: Size,
    scale: int,
    now: datetime,
    rng: random.Random,
    log: Callable[[str], None],
    started: float,
) -> None:
    """A year of audit rows, oldest first (as they are written), one per request."""
    total = spec.audit * scale
    span = timedelta(days=365).total_seconds()
    start = now - timedelta(days=365)
    weights = list(ORGANISATION_WEIGHTS)
    staff = [[u for users in org.staff.values() for u in users] for org in orgs]
    actions = ("view",) * 8 + ("create", "update")

    def rows() -> Iterator[tuple[Any, ...]]:
        for k in range(total):
            o = rng.choices(range(len(orgs)), weights)[0]
            org = orgs[o]
            actor = staff[o][k % len(staff[o])]
            pid = org.people[k % len(org.people)]
            at = start + timedelta(seconds=span * k / total)
            yield (
                at,
                actor,
                f"user{actor}@org{o}.bench.example",
                org.organisation_id,
                actions[k % len(actions)],
                "allowed",
                "caseload.person",
                str(pid),
                _name(pid),
                pid,
                f"/people/{pid}/",
                f"10.0.{k % 250}.{k % 200 + 1}",
                "Mozilla/5.0 (bench)",
                "psw",
                False,
            )
            if k and k % 1_000_000 == 0:
                log(f"  audit rows: {k:,} ({time.monotonic() - started:.0f}s)")

    writer.write(
        AuditEvent,
        (
            "at",
            "actor_id",
            "actor_label",
            "organisation_id",
            "action",
            "outcome",
            "object_type",
            "object_id",
            "object_label",
            "person_id",
            "path",
            "ip_address",
            "user_agent",
            "actor_role",
            "by_subject",
        ),
        rows(),
    )


def vacuum_analyze() -> None:
    """PostgreSQL: fresh statistics for the planner (outside any transaction)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


# --- the pages measured -----------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    """One key page of one role: what the bench times and the CI test counts."""

    name: str
    role: str
    url: str
    # Dashboards and reports have a lower throughput goal (0.08 x bare, not 0.15 x).
    dashboard: bool = False
    statement_goal: int = 10


def pages(personas: Personas) -> list[Page]:
    from django.urls import reverse

    person = personas.person.pk
    psw_email = personas.users[str(Role.PSW)].email
    return [
        Page("PSW home", Role.PSW, reverse("workspace:home")),
        Page("caseload", Role.PSW, reverse("caseload:caseload")),
        Page(
            "person record",
            Role.PSW,
            reverse("workspace:person-detail", args=[person]),
            statement_goal=12,
        ),
        Page("contact notes", Role.PSW, reverse("contacts:note-list", args=[person])),
        Page("supervisor home", Role.SUPERVISOR, reverse("workspace:home"), dashboard=True),
        Page(
            "training dashboard",
            Role.COORDINATOR,
            reverse("recruitment:dashboard"),
            dashboard=True,
        ),
        Page("cohort list", Role.COORDINATOR, reverse("training:cohort-list")),
        Page("coordinator home", Role.COORDINATOR, reverse("workspace:home"), dashboard=True),
        Page("trainer home", Role.TRAINER, reverse("workspace:home")),
        Page("audit log", Role.ORG_ADMIN, reverse("core:audit-list"), dashboard=True),
        Page(
            "audit search, who did it",
            Role.ORG_ADMIN,
            reverse("core:audit-list") + f"?who={psw_email}",
            dashboard=True,
        ),
        Page(
            "audit search, person",
            Role.ORG_ADMIN,
            reverse("core:audit-list") + f"?person={person}",
            dashboard=True,
        ),
        Page(
            "audit search, words",
            Role.ORG_ADMIN,
            reverse("core:audit-list") + f"?text={psw_email.split('@')[0]}",
            dashboard=True,
        ),
        Page("safeguarding queue", Role.SAFEGUARDING_LEAD, reverse("governance:concern-queue")),
        Page("person's own home", Role.PERSON, reverse("workspace:home")),
    ]


def signed_in_client(user: User) -> Any:
    """A test client with a session made on the server (no password, no two-factor step:
    staff personas have an authenticator, and the first page marks the session ready)."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def statements(client: Any, url: str) -> tuple[int, int]:
    """(status, statements) of the second GET: the first warms the session's flags."""
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response.status_code, len(captured)
