"""Demo training: each of the four templates copied into the demo trust, and a programme
that has lived a while, so every page and every figure has something true to show.

- The copied wording is reworded for Riverside (its name, its recovery college, demo phone
  numbers from the range Ofcom keeps for drama), as a coordinator would before opening an
  intake.
- The PEP has a past cohort that graduated: registers taken, the five assessments marked,
  work experience signed off by the peer supervisor, awards with certificates, and what two
  of the graduates went on to do (the third has not said yet). The demo PSW, Jordan Reid,
  is one of them.
- The PEP's running cohort, with the demo trainee (Priya Shah), has its registers taken for
  the sessions so far, work waiting to be marked (with a file attached) and a work
  experience day to confirm. The
  ImROC cohort is running too, with one trainee whose attendance needs a conversation and
  the latest register still to take. The other two programmes have a cohort starting.
- Every programme has an open intake; the PEP's has applicants at different steps, one of
  them accepted and waiting to be enrolled in the PEP's next cohort, whose timetable is
  still to make.

Dates are counted from today, so the demo stays alive whenever it is seeded. The module
mappings and the places are the demo coordinator's choices, not part of the templates.
"""

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from peerpath.core.roles import Role
from peerpath.framework.models import Unit
from peerpath.nonprod.demo import DEMO_USERS
from peerpath.organisations.models import Membership, Organisation, Team
from peerpath.recruitment.models import Application, CriterionAnswer, Intake, Stage, StageChange
from peerpath.recruitment.services import intake_create
from peerpath.training import services
from peerpath.training.models import (
    Cohort,
    Enrolment,
    EnrolmentStatus,
    EvidenceKind,
    GraduateOutcome,
    OutcomeKind,
    Programme,
    ReviewKind,
)
from peerpath.training.selectors.programmes import copied_texts_to_check
from peerpath.training.services.delivery import cohort_create, register_save, timetable_generate
from peerpath.training.services.programme_templates import (
    copied_text_confirm,
    copied_text_current,
    programme_copy,
)

if TYPE_CHECKING:
    from peerpath.accounts.models import User

PEP = "recovery-college-east-pep"
IMROC = "nhft-imroc-peer-support-training"
# Demo mappings (module order → framework units), one line per programme.
DEMO_MAPPINGS = {
    PEP: {1: ["2.1", "2.2"], 2: ["3.5"], 3: ["2.5"]},
    IMROC: {1: ["1.1"], 2: ["2.1"], 9: ["2.3"]},
    "nottinghamshire-six-hour-introduction": {2: ["1.1"], 3: ["2.5"]},
    "eleven-session-peer-support-course": {2: ["2.1"], 5: ["2.3"], 7: ["2.5"]},
}
COLLEGE = "Riverside Recovery College"
PLACES = {PEP: f"{COLLEGE}, Training Room 1", "eleven-session-peer-support-course": COLLEGE}
# How the demo coordinator rewords the templates' own organisations (longest first).
REWORDING = (
    ("Cambridgeshire and Peterborough NHS Foundation Trust (CPFT)", "{organisation}"),
    ("Cambridgeshire and Peterborough NHS Foundation Trust", "{organisation}"),
    ("Northamptonshire Healthcare NHS Foundation Trust (NHFT)", "{organisation}"),
    ("Nottinghamshire Healthcare", "{organisation}"),
    ("Recovery College East", COLLEGE),
    ("CPFT", "Riverside"),
    ("NHFT", "Riverside"),
    ("Kirstie Mycroft, Peer Support Co-ordinator", "Chris Mensah, Peer Development Coordinator"),
    ("01733 746662", "01632 960118"),
    ("01223 227510", "01632 960119"),
    ("07842 301573", "01632 960120"),
)
PAST_TRAINEES = (
    ("psw@peerpath.example", "Jordan Reid"),
    ("morgan.ellis@peerpath.example", "Morgan Ellis"),
    ("dev.sharma@peerpath.example", "Dev Sharma"),
    ("kerry.walsh@peerpath.example", "Kerry Walsh"),  # left the course after four sessions
)
PEP_TRAINEES = (
    ("trainee@peerpath.example", "Priya Shah"),
    ("alexis.byrne@peerpath.example", "Alexis Byrne"),
    ("noor.haddad@peerpath.example", "Noor Haddad"),
)
IMROC_TRAINEES = (
    ("ellis.grant@peerpath.example", "Ellis Grant"),
    ("maya.brooks@peerpath.example", "Maya Brooks"),  # missed two days: at risk
    ("ravi.kapoor@peerpath.example", "Ravi Kapoor"),
)
APPLICANTS = (
    ("Lee Carter", "lee.carter@example.org", Stage.INTEREST),
    ("Femi Adeyemi", "femi.adeyemi@example.org", Stage.APPLICATION),
    ("Hannah Price", "hannah.price@example.org", Stage.GROUP_INTERVIEW),
    # Offered a place and said yes: to be enrolled in the PEP's next cohort.
    ("Amira Osei", "amira.osei@example.org", Stage.ACCEPTED),
)
# Priya's reflection, attached as a file as well as written on the page.
REFLECTION_FILE = (
    "reflection-on-hope.txt",
    "Reflection: what I have learned about hope\n\n"
    "In the first weeks of the course I have learned that hope is something we can hold "
    "for another person until they are ready to hold it themselves.\n",
)


def _staff(organisation: Organisation, role: Role) -> Any:
    """The demo log-in with this role (not, say, a trainer invited who has not joined yet)."""
    membership = (
        Membership.objects.filter(
            organisation=organisation, role=role, user__email__in=[d.email for d in DEMO_USERS]
        )
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else None


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _person(email: str, full_name: str) -> Any:
    """A demo log-in if there is one; otherwise someone who never logs in to the demo."""
    users = get_user_model().objects
    return users.filter(email=email).first() or users.create_user(
        email=email, password=None, full_name=full_name
    )


def _reword(programme: Programme, by: "User") -> None:
    name = programme.organisation.name if programme.organisation else ""
    for item in copied_texts_to_check(programme):
        current = copied_text_current(item)
        text = current
        for phrase, ours in REWORDING:
            text = text.replace(phrase, ours.format(organisation=name))
        copied_text_confirm(item=item, text=text, expected=current, by=by)


def _enrol(cohort: Cohort, people: tuple[tuple[str, str], ...]) -> list[Enrolment]:
    return [
        Enrolment.objects.get_or_create(
            cohort=cohort,
            trainee=_person(email, name),
            defaults={"organisation": cohort.organisation},
        )[0]
        for email, name in people
    ]


def _registers(
    cohort: Cohort,
    trainer: Any,
    before: date,
    absences: dict[int, set[int]],
    late: set[int],
    after: int = 0,
) -> None:
    """Take the register of each session before `before` (and numbered after `after`):
    everyone still on the course present except the absences ({enrolment id: session
    numbers}) and the late arrivals (session numbers)."""
    enrolments = list(cohort.enrolments.filter(status=EnrolmentStatus.ACTIVE))
    sessions = cohort.sessions.filter(date__lt=before, number__gt=after)
    for session in sessions.order_by("number"):
        entries = {}
        for e in enrolments:
            if session.number in absences.get(e.pk, set()):
                entries[e.pk] = ("absent", "")
            elif session.number in late and e is enrolments[0]:
                entries[e.pk] = ("late", "")
            else:
                entries[e.pk] = ("present", "")
        register_save(
            session=session, entries=entries, expected_version=session.version, by=trainer
        )


def _past_cohort(
    programme: Programme, staff: dict[Role, Any], teams: dict[str, Team], today: date
) -> int:
    """The PEP's first cohort, from recruitment to what its graduates went on to do."""
    coordinator, trainer = staff[Role.COORDINATOR], staff[Role.TRAINER]
    supervisor = staff[Role.SUPERVISOR]
    starts_on = _monday(today - timedelta(weeks=32))
    intake = intake_create(
        programme=programme,
        title="Peer Education Programme: intake for cohort 1",
        opens_on=starts_on - timedelta(weeks=12),
        closes_on=starts_on - timedelta(weeks=6),
        capacity=12,
        panel=[u for u in (coordinator, trainer) if u],
        by=coordinator,
    )
    cohort = cohort_create(
        programme=programme,
        title="Peer Education Programme: cohort 1",
        starts_on=starts_on,
        facilitators=[u for u in (trainer,) if u],
        place=PLACES[PEP],
        by=coordinator,
    )
    timetable_generate(cohort=cohort, by=coordinator)
    enrolments = _enrol(cohort, PAST_TRAINEES)
    for enrolment, (_, name) in zip(enrolments, PAST_TRAINEES, strict=True):
        _application(intake, name, enrolment.trainee.email, Stage.ACCEPTED, enrolment, coordinator)
    _application(intake, "Casey Moore", "casey.moore@example.org", Stage.UNSUCCESSFUL)
    _application(intake, "Ana Lopes", "ana.lopes@example.org", Stage.WITHDRAWN)
    leaver, left_after = enrolments[-1], 4
    absences = {enrolments[2].pk: {7}, leaver.pk: {3, 4}}
    last_with_them = cohort.sessions.get(number=left_after + 1).date
    _registers(cohort, trainer, before=last_with_them, absences=absences, late=set())
    # They left after the fourth session: the later registers are taken without them.
    leaver.status = EnrolmentStatus.WITHDRAWN
    leaver.save(update_fields=["status"])
    _registers(cohort, trainer, before=today, absences=absences, late={5}, after=left_after)
    last_day = max(s.date for s in cohort.sessions.all())
    graduates = enrolments[:-1]
    host = teams.get("Community Peer Support Team")
    for enrolment in graduates:
        for item in programme.assessments.order_by("order"):
            submission = services.assessment.submission_create(
                enrolment=enrolment,
                assessment=item,
                text=f"My {item.title.lower()}, as the course asked.",
                upload=None,
                by=enrolment.trainee,
            )
            services.assessment.mark_record(
                submission=submission,
                outcome="passed",
                feedback="Thoughtful and honest work, clearly linked to the course. Well done.",
                criteria_met={},
                by=trainer,
            )
        work = services.placement.placement_create(
            enrolment=enrolment,
            host_team=host,
            host_description="",
            supervisor=supervisor,
            by=coordinator,
        )
        for n in range(programme.placement_days_required):
            day = services.placement.placement_day_log(
                placement=work,
                on=starts_on + timedelta(weeks=6 + n, days=2),
                reflection="I shadowed the team's peer support worker and listened more "
                "than I spoke. I learned how much a shared experience can open a "
                "conversation.",
                by=enrolment.trainee,
            )
            services.placement.placement_day_confirm(day=day, by=supervisor)
        for review in ReviewKind:
            services.placement.placement_review_add(
                placement=work,
                kind=review,
                notes="Settling in well; good boundaries and warm with people.",
                by=supervisor,
            )
        services.placement.placement_sign_off(placement=work, by=supervisor)
        # Signed off a week after the last work experience day, as it happened, not today.
        last_day_out = starts_on + timedelta(weeks=5 + programme.placement_days_required, days=2)
        signed_off = datetime.combine(last_day_out + timedelta(weeks=1), time(16, 0))
        type(work).objects.filter(pk=work.pk).update(signed_off_at=timezone.make_aware(signed_off))
        services.portfolio.portfolio_sync(enrolment)
        for entry in enrolment.portfolio.all():
            services.portfolio.evidence_add(
                entry=entry,
                kind=EvidenceKind.OTHER,
                note="Shown in my learning portfolio and on my work experience days.",
                by=enrolment.trainee,
            )
            services.portfolio.sign_off(entry=entry, by=trainer)
    awarded_on = last_day + timedelta(weeks=2)
    awards = [
        services.graduation.graduate(enrolment=e, by=coordinator, on=awarded_on) for e in graduates
    ]
    outcomes = (
        (OutcomeKind.EMPLOYED, host, "Peer support worker"),
        (OutcomeKind.EMPLOYED, None, "Paid employment with a partner organisation"),
    )
    # The third graduate has not told the college yet: the dashboard asks the coordinator.
    # These outcomes were typed before a job came only from an employment record (the
    # service now refuses "employed"); kept as the history it was, the workforce demo makes
    # the employment records (nonprod/workforce_demo.py).
    for award, (kind, team, detail) in zip(awards[: len(outcomes)], outcomes, strict=True):
        GraduateOutcome.objects.create(
            organisation=award.organisation,
            award=award,
            kind=kind,
            team=team,
            detail=detail,
            recorded_on=min(awarded_on + timedelta(weeks=6), today),
            recorded_by=coordinator,
        )
    return 1


def _application(
    intake: Intake,
    full_name: str,
    email: str,
    stage: str,
    enrolment: Enrolment | None = None,
    by: "User | None" = None,
) -> Application:
    """An application at `stage`, with the steps it went through (the demo sends no email)."""
    import secrets

    application = Application.objects.create(
        organisation=intake.organisation,
        intake=intake,
        full_name=full_name,
        email=email,
        interest="I want to use what helped me to help others.",
        stage=stage,
        access_token=secrets.token_urlsafe(32),
        submitted_at=None if stage == Stage.INTEREST else timezone.now(),
        commitment_confirmed=stage != Stage.INTEREST,
        trainee=enrolment.trainee if enrolment else None,
    )
    StageChange.objects.create(
        organisation=intake.organisation,
        application=application,
        from_stage="",
        to_stage=Stage.INTEREST,
        reason="Expression of interest received",
    )
    if stage != Stage.INTEREST:
        # A sent application answers each of the programme's eligibility criteria.
        CriterionAnswer.objects.bulk_create(
            CriterionAnswer(
                organisation=intake.organisation,
                application=application,
                criterion=criterion,
                meets=True,
                evidence="Yes: I can say more about this at interview.",
            )
            for criterion in intake.programme.criteria.all()
        )
        StageChange.objects.create(
            organisation=intake.organisation,
            application=application,
            from_stage=Stage.INTEREST,
            to_stage=stage,
            reason="Demo: as far as this application has gone",
            by=by,
        )
    if enrolment is not None:
        enrolment.application_id = application.pk
        enrolment.save(update_fields=["application_id"])
    return application


def _running_pep(programme: Programme, staff: dict[Role, Any], teams: dict[str, Team]) -> None:
    today = timezone.localdate()
    coordinator, trainer = staff[Role.COORDINATOR], staff[Role.TRAINER]
    cohort = cohort_create(
        programme=programme,
        title="Peer Education Programme: cohort 2",
        starts_on=_monday(today - timedelta(weeks=5)),
        facilitators=[u for u in (trainer,) if u],
        place=PLACES[PEP],
        by=coordinator,
    )
    timetable_generate(cohort=cohort, by=coordinator)
    priya, alexis, _noor = _enrol(cohort, PEP_TRAINEES)
    _registers(cohort, trainer, before=today, absences={alexis.pk: {2}}, late={3})
    reflection = programme.assessments.get(kind="reflection")
    name, text = REFLECTION_FILE
    services.assessment.submission_create(
        enrolment=priya,
        assessment=reflection,
        text="What I have learned about hope from the first weeks of the course. The full "
        "reflection is attached.",
        upload=SimpleUploadedFile(name, text.encode(), content_type="text/plain"),
        by=priya.trainee,
    )
    work = services.placement.placement_create(
        enrolment=priya,
        host_team=teams.get("Community Peer Support Team"),
        host_description="",
        supervisor=staff[Role.SUPERVISOR],
        by=coordinator,
    )
    services.placement.placement_day_log(
        placement=work,
        on=today - timedelta(days=3),
        reflection="My first day with the team: I sat in on a peer support meeting.",
        by=priya.trainee,
    )


def _next_pep(programme: Programme, staff: dict[Role, Any], today: date) -> None:
    """The cohort the open intake recruits for: dates agreed, its timetable not made yet."""
    cohort_create(
        programme=programme,
        title="Peer Education Programme: cohort 3",
        starts_on=_monday(today + timedelta(weeks=10)),
        facilitators=[u for u in (staff[Role.TRAINER],) if u],
        place=PLACES[PEP],
        by=staff[Role.COORDINATOR],
    )


def _running_imroc(programme: Programme, staff: dict[Role, Any]) -> None:
    today = timezone.localdate()
    coordinator, trainer = staff[Role.COORDINATOR], staff[Role.TRAINER]
    cohort = cohort_create(
        programme=programme,
        title="Peer Support Training (ImROC): cohort 1",
        starts_on=_monday(today - timedelta(weeks=6)),
        facilitators=[u for u in (trainer,) if u],
        by=coordinator,
    )
    timetable_generate(cohort=cohort, by=coordinator)
    _ellis, maya, _ravi = _enrol(cohort, IMROC_TRAINEES)
    past = list(cohort.sessions.filter(date__lt=today).order_by("number"))
    # The latest register is still to take: the trainer's next job.
    before = past[-1].date if past else today
    _registers(cohort, trainer, before=before, absences={maya.pk: {2, 3}}, late=set())


def seed_training(organisation: Organisation) -> int:
    """Idempotent: a programme already copied into the organisation is left as it is."""
    created = 0
    today = timezone.localdate()
    staff = {
        role: _staff(organisation, role)
        for role in (Role.COORDINATOR, Role.TRAINER, Role.SUPERVISOR, Role.TRAINEE)
    }
    coordinator = staff[Role.COORDINATOR]
    teams = {t.name: t for t in Team.objects.filter(organisation=organisation)}
    for key, mapping in DEMO_MAPPINGS.items():
        template = Programme.objects.templates().get(template_key=key)
        if Programme.objects.filter(organisation=organisation, copied_from=template).exists():
            continue
        programme = programme_copy(source=template, organisation=organisation, by=coordinator)
        _reword(programme, coordinator)
        for order, codes in mapping.items():
            module = programme.modules.get(order=order)
            module.units.set(Unit.objects.filter(framework__is_current=True, code__in=codes))
        if key == PEP:
            created += _past_cohort(programme, staff, teams, today)
            _running_pep(programme, staff, teams)
        elif key == IMROC:
            _running_imroc(programme, staff)
        else:
            cohort = cohort_create(
                programme=programme,
                title=f"{programme.title}: cohort 1",
                starts_on=_monday(today + timedelta(weeks=2)),
                facilitators=[u for u in (staff[Role.TRAINER],) if u],
                place=PLACES.get(key, ""),
                by=coordinator,
            )
            timetable_generate(cohort=cohort, by=coordinator)
        intake = intake_create(
            programme=programme,
            title=f"{programme.title}: next intake",
            opens_on=today - timedelta(days=7),
            closes_on=today + timedelta(days=60),
            capacity=16,
            panel=[u for u in (coordinator,) if u],
            by=coordinator,
        )
        if key == PEP:
            for name, email, stage in APPLICANTS:
                _application(intake, name, email, stage, by=coordinator)
            _next_pep(programme, staff, today)
        created += 1
    return created
