"""Writes for the workforce: team requests, posts and vacancies.

Every write is atomic and audited; edits carry a version check
(peerpath/core/versioning.py).
"""

import secrets
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from peerpath.core.actor import Actor
from peerpath.core.audit import audit
from peerpath.core.http import absolute_url
from peerpath.core.models import AuditAction
from peerpath.core.roles import Role
from peerpath.core.versioning import EditConflict, bump_version, claim_version
from peerpath.jobs.mail import EmailKind, email_enqueue
from peerpath.organisations.models import Membership, Organisation, Team
from peerpath.organisations.services import user_invite
from peerpath.training.models import Award

from .criteria import DEFAULT_QUESTIONS, TEMPLATE_CRITERIA
from .models import (
    EmploymentChange,
    EmploymentRecord,
    Interview,
    JobApplication,
    JobCriterionAnswer,
    JobStage,
    JobStageChange,
    PanelScore,
    Post,
    RequestStatus,
    TeamRequest,
    Vacancy,
    VacancyCriterion,
    VacancyQuestion,
    VacancyStatus,
)

if TYPE_CHECKING:
    from peerpath.accounts.models import User


def _who(actor: Actor) -> tuple["User", Organisation]:
    if actor.user is None or actor.organisation is None:
        raise PermissionDenied
    return actor.user, actor.organisation


def _own_team(actor: Actor, team: Team) -> None:
    if actor.organisation is None or team.organisation_id != actor.organisation.pk:
        raise ValidationError({"team": "Choose one of your organisation's teams."})


# --- team requests ----------------------------------------------------------------------------


def team_request_create(
    *,
    actor: Actor,
    team: Team,
    service_area: str,
    setting: str,
    hours_per_week: Decimal,
    role: str,
    hopes: str,
    request: HttpRequest | None = None,
) -> TeamRequest:
    """A member of a team asks the peer development team for a peer worker."""
    _own_team(actor, team)
    user, organisation = _who(actor)
    with transaction.atomic():
        team_request = TeamRequest(
            organisation=organisation,
            team=team,
            service_area=service_area,
            setting=setting,
            hours_per_week=hours_per_week,
            role=role,
            hopes=hopes.strip(),
            requested_by=user,
        )
        team_request.full_clean()
        team_request.save()
        audit(
            request,
            action=AuditAction.CREATE,
            obj=team_request,
            actor=user,
            organisation_id=team_request.organisation_id,
            reason="a team asks for a peer worker",
        )
    return team_request


def _still_pending(team_request: TeamRequest, expected_version: int | None) -> None:
    claim_version(team_request, expected_version=expected_version)
    if team_request.status != RequestStatus.PENDING:
        raise EditConflict(team_request.version)


def team_request_decline(
    *,
    team_request: TeamRequest,
    reason: str,
    expected_version: int | None,
    by: "User | None",
    request: HttpRequest | None = None,
) -> TeamRequest:
    """Not taken forward, with a reason the team that asked reads."""
    if not reason.strip():
        raise ValidationError({"reason": "Tell the team why, so they know what could change."})
    with transaction.atomic():
        _still_pending(team_request, expected_version)
        team_request.status = RequestStatus.DECLINED
        team_request.decline_reason = reason.strip()
        team_request.decided_by = by
        team_request.decided_at = timezone.now()
        team_request.save(
            update_fields=["status", "decline_reason", "decided_by", "decided_at", "version"]
        )
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=team_request,
            actor=by,
            organisation_id=team_request.organisation_id,
            reason="request not taken forward",
        )
    return team_request


def team_request_accept(
    *,
    team_request: TeamRequest,
    expected_version: int | None,
    by: "User | None",
    request: HttpRequest | None = None,
    **post_fields: Any,
) -> Post:
    """The peer development team turns the request into a post (one transaction)."""
    with transaction.atomic():
        _still_pending(team_request, expected_version)
        post = _post_new(team_request.organisation_id, by, post_fields)
        team_request.status = RequestStatus.ACCEPTED
        team_request.post = post
        team_request.decided_by = by
        team_request.decided_at = timezone.now()
        team_request.save(update_fields=["status", "post", "decided_by", "decided_at", "version"])
        audit(
            request,
            action=AuditAction.CREATE,
            obj=post,
            actor=by,
            organisation_id=post.organisation_id,
            reason=f"post made from the request of {team_request.team}",
        )
    return post


# --- posts -------------------------------------------------------------------------------------

POST_FIELDS = ("team", "title", "role", "service_area", "setting", "hours_per_week")


def _post_new(organisation_id: int, by: "User | None", fields: dict[str, Any]) -> Post:
    team = fields["team"]
    if team.organisation_id != organisation_id:
        raise ValidationError({"team": "Choose one of your organisation's teams."})
    post = Post(organisation_id=organisation_id, created_by=by, **fields)
    post.full_clean(exclude=["created_by"])
    post.save()
    return post


def post_create(*, actor: Actor, request: HttpRequest | None = None, **fields: Any) -> Post:
    user, organisation = _who(actor)
    with transaction.atomic():
        post = _post_new(organisation.pk, user, fields)
        audit(
            request,
            action=AuditAction.CREATE,
            obj=post,
            actor=user,
            organisation_id=post.organisation_id,
        )
    return post


def post_edit(
    *,
    post: Post,
    expected_version: int | None,
    by: "User | None",
    request: HttpRequest | None = None,
    **fields: Any,
) -> Post:
    if fields["team"].organisation_id != post.organisation_id:
        raise ValidationError({"team": "Choose one of your organisation's teams."})
    with transaction.atomic():
        claim_version(post, expected_version=expected_version)
        for name in POST_FIELDS:
            setattr(post, name, fields[name])
        post.full_clean(exclude=["created_by"])
        post.save()
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=post,
            actor=by,
            organisation_id=post.organisation_id,
        )
    return post


# --- vacancies ---------------------------------------------------------------------------------


def _dates(opens_on: date, closes_on: date) -> None:
    if closes_on < opens_on:
        raise ValidationError(
            {"closes_on": "The closing date must be on or after the opening date."}
        )


def _lines(text: str) -> list[str]:
    lines = [line.strip().lstrip("•-* ").strip() for line in text.splitlines()]
    return [line for line in lines if line]


def _criteria_lines(text: str) -> list[str]:
    lines = _lines(text)
    if not lines:
        raise ValidationError({"criteria": "Give at least one eligibility criterion."})
    return lines


def vacancy_create(
    *,
    post: Post,
    opens_on: date,
    closes_on: date,
    description: str,
    criteria: str,
    panel: list[Any],
    by: "User | None",
    questions: str = "",
    request: HttpRequest | None = None,
) -> Vacancy:
    """A draft vacancy for the post, its criteria and interview questions one a line (the
    template's by default)."""
    _dates(opens_on, closes_on)
    lines = _criteria_lines(criteria)
    asked = _lines(questions) or list(DEFAULT_QUESTIONS)
    with transaction.atomic():
        vacancy = Vacancy(
            organisation_id=post.organisation_id,
            post=post,
            opens_on=opens_on,
            closes_on=closes_on,
            description=description.strip(),
            created_by=by,
        )
        vacancy.full_clean(exclude=["created_by"])
        vacancy.save()
        vacancy.panel.set(panel)
        _criteria_set(vacancy, lines)
        _questions_set(vacancy, asked)
        audit(
            request,
            action=AuditAction.CREATE,
            obj=vacancy,
            actor=by,
            organisation_id=vacancy.organisation_id,
        )
    return vacancy


def _criteria_set(vacancy: Vacancy, lines: list[str]) -> None:
    vacancy.criteria.all().delete()
    VacancyCriterion.objects.bulk_create(
        VacancyCriterion(organisation_id=vacancy.organisation_id, vacancy=vacancy, order=n, text=t)
        for n, t in enumerate(lines, start=1)
    )


def _questions_set(vacancy: Vacancy, lines: list[str]) -> None:
    vacancy.questions.all().delete()
    VacancyQuestion.objects.bulk_create(
        VacancyQuestion(organisation_id=vacancy.organisation_id, vacancy=vacancy, order=n, text=t)
        for n, t in enumerate(lines, start=1)
    )


def vacancy_edit(
    *,
    vacancy: Vacancy,
    expected_version: int | None,
    opens_on: date,
    closes_on: date,
    description: str,
    criteria: str,
    panel: list[Any],
    by: "User | None",
    questions: str = "",
    request: HttpRequest | None = None,
) -> Vacancy:
    """Dates, description, panel; the criteria only while nobody has applied against them,
    the questions only while nobody has been scored on them."""
    _dates(opens_on, closes_on)
    lines = _criteria_lines(criteria)
    asked = _lines(questions)
    with transaction.atomic():
        claim_version(vacancy, expected_version=expected_version)
        if vacancy.status == VacancyStatus.CLOSED:
            raise ValidationError("A closed vacancy is kept as it was.")
        vacancy.opens_on, vacancy.closes_on = opens_on, closes_on
        vacancy.description = description.strip()
        vacancy.full_clean(exclude=["created_by"])
        vacancy.save()
        vacancy.panel.set(panel)
        if [c.text for c in vacancy.criteria.all()] != lines:
            if _has_applications(vacancy):
                raise ValidationError(
                    {
                        "criteria": "People have applied against these criteria, so they stay "
                        "as they are."
                    }
                )
            _criteria_set(vacancy, lines)
        if asked and [q.text for q in vacancy.questions.all()] != asked:
            if PanelScore.objects.filter(application__vacancy=vacancy).exists():
                raise ValidationError(
                    {"questions": "The panel has scored these questions, so they stay as they are."}
                )
            _questions_set(vacancy, asked)
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=vacancy,
            actor=by,
            organisation_id=vacancy.organisation_id,
        )
    return vacancy


def _has_applications(vacancy: Vacancy) -> bool:
    return vacancy.applications.exists()


NEXT_STATUS = {
    VacancyStatus.DRAFT: VacancyStatus.ADVERTISED,
    VacancyStatus.ADVERTISED: VacancyStatus.CLOSED,
}


def vacancy_move(
    *,
    vacancy: Vacancy,
    to_status: str,
    expected_version: int | None,
    by: "User | None",
    request: HttpRequest | None = None,
) -> Vacancy:
    """Draft → advertised → closed, never back."""
    with transaction.atomic():
        claim_version(vacancy, expected_version=expected_version)
        if NEXT_STATUS.get(VacancyStatus(vacancy.status)) != to_status:
            raise ValidationError(
                f"A vacancy that is {vacancy.get_status_display().lower()} cannot be "
                f"{VacancyStatus(to_status).label.lower()}."
            )
        vacancy.status = to_status
        vacancy.save(update_fields=["status", "version"])
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=vacancy,
            actor=by,
            organisation_id=vacancy.organisation_id,
            reason=f"vacancy {VacancyStatus(to_status).label.lower()}",
        )
    return vacancy


def template_criteria_text() -> str:
    return "\n".join(TEMPLATE_CRITERIA)


def questions_text(vacancy: Vacancy | None = None) -> str:
    if vacancy is None:
        return "\n".join(DEFAULT_QUESTIONS)
    return "\n".join(q.text for q in vacancy.questions.all())


# --- applications ------------------------------------------------------------------------------


def _tell_applicant(
    application: JobApplication, stage: str, request: HttpRequest | None, **extra: Any
) -> None:
    """A kind email about where the application is, with the applicant's own link; queued
    in the caller's transaction (peerpath.jobs sends it once it commits)."""
    context = {
        "application": application,
        "post": application.vacancy.post,
        "organisation": application.organisation,
        "stage": stage,
        "link": absolute_url(
            request,
            reverse("workforce:applicant-home", kwargs={"token": application.access_token}),
        ),
        **extra,
    }
    email_enqueue(
        subject=f"PeerPath: your application for {application.vacancy.post.title}",
        body=render_to_string("workforce/email/application.txt", context),
        to=[application.email],
        kind=EmailKind.RECRUITMENT,
        organisation_id=application.organisation_id,
    )


def vacancy_is_open(vacancy: Vacancy, today: date) -> bool:
    return (
        vacancy.status == VacancyStatus.ADVERTISED
        and vacancy.opens_on <= today <= vacancy.closes_on
    )


def graduate_award(organisation_id: int, user: Any) -> Award | None:
    """The user's latest award from this organisation, if they graduated here."""
    return (
        Award.objects.filter(organisation_id=organisation_id, enrolment__trainee=user)
        .select_related("enrolment__cohort__programme")
        .order_by("-awarded_on", "-pk")
        .first()
    )


def application_submit(
    *,
    vacancy: Vacancy,
    full_name: str,
    email: str,
    phone: str,
    evidence: dict[int, str],
    applicant: "User | None" = None,
    request: HttpRequest | None = None,
    today: date | None = None,
) -> JobApplication:
    """Someone applies, with how they meet each criterion. A signed-in graduate's
    application is linked to their account and award; everyone goes through the same
    process from here."""
    today = today or timezone.localdate()
    if not vacancy_is_open(vacancy, today):
        raise ValidationError("This vacancy is not taking applications today.")
    email = email.strip().lower()
    criteria = list(vacancy.criteria.all())
    errors = {
        f"evidence_{c.pk}": "Tell us how you meet this, in a few words."
        for c in criteria
        if not evidence.get(c.pk, "").strip()
    }
    if JobApplication.objects.filter(vacancy=vacancy, email__iexact=email).exists():
        errors["email"] = (
            "You have already applied for this vacancy. Your email from us has a link to "
            "your application."
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        application = JobApplication.objects.create(
            organisation_id=vacancy.organisation_id,
            vacancy=vacancy,
            full_name=full_name.strip(),
            email=email,
            phone=phone.strip(),
            applicant=applicant,
            award=graduate_award(vacancy.organisation_id, applicant) if applicant else None,
            access_token=secrets.token_urlsafe(32),
        )
        JobCriterionAnswer.objects.bulk_create(
            JobCriterionAnswer(
                organisation_id=vacancy.organisation_id,
                application=application,
                criterion=c,
                evidence=evidence[c.pk].strip(),
            )
            for c in criteria
        )
        JobStageChange.objects.create(
            organisation_id=vacancy.organisation_id,
            application=application,
            from_stage="",
            to_stage=JobStage.APPLIED,
            reason="Application sent by the applicant",
            by=applicant,
        )
        audit(
            request,
            action=AuditAction.CREATE,
            obj=application,
            actor=applicant,
            organisation_id=vacancy.organisation_id,
            reason="job application",
        )
        _tell_applicant(application, JobStage.APPLIED, request)
    return application


# Where an application may go from each stage; appointment is `appoint`'s alone.
MOVES: dict[str, tuple[str, ...]] = {
    JobStage.APPLIED: (JobStage.SHORTLISTED, JobStage.UNSUCCESSFUL, JobStage.WITHDRAWN),
    JobStage.SHORTLISTED: (JobStage.INTERVIEW, JobStage.UNSUCCESSFUL, JobStage.WITHDRAWN),
    JobStage.INTERVIEW: (JobStage.OFFER, JobStage.UNSUCCESSFUL, JobStage.WITHDRAWN),
    JobStage.OFFER: (JobStage.ACCEPTED, JobStage.DECLINED, JobStage.WITHDRAWN),
    JobStage.ACCEPTED: (JobStage.WITHDRAWN,),
}


def _move(application: JobApplication, to_stage: str, reason: str, by: "User | None") -> None:
    JobStageChange.objects.create(
        organisation_id=application.organisation_id,
        application=application,
        from_stage=application.stage,
        to_stage=to_stage,
        reason=reason,
        by=by,
    )
    application.stage = to_stage
    application.save(update_fields=["stage", "updated_at", "version"])


def application_move(
    *,
    application: JobApplication,
    to_stage: str,
    reason: str,
    expected_version: int | None,
    by: "User | None",
    request: HttpRequest | None = None,
) -> JobApplication:
    """Move an application on, with the reason kept and the applicant told kindly.
    Shortlisting needs every criterion decided and met."""
    if not reason.strip():
        raise ValidationError({"reason": "Give a reason for this change."})
    with transaction.atomic():
        claim_version(application, expected_version=expected_version)
        allowed = MOVES.get(application.stage, ())
        if to_stage not in allowed:
            raise ValidationError(
                {
                    "to_stage": f"An application at “{JobStage(application.stage).label}” "
                    f"cannot move to “{JobStage(to_stage).label}”."
                }
            )
        if to_stage == JobStage.SHORTLISTED:
            answers = list(application.answers.all())
            if any(a.meets is None for a in answers):
                raise ValidationError(
                    {"to_stage": "Decide each criterion in the shortlisting first."}
                )
            if not all(a.meets for a in answers):
                raise ValidationError(
                    {
                        "to_stage": "Shortlisting needs every criterion met. Record what is "
                        "not yet met, or choose “Not successful this time”."
                    }
                )
        _move(application, to_stage, reason.strip(), by)
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=application,
            actor=by,
            organisation_id=application.organisation_id,
            reason=f"moved to {JobStage(to_stage).label}: {reason.strip()}",
        )
        _tell_applicant(application, to_stage, request)
    return application


def shortlist_record(
    *,
    application: JobApplication,
    decisions: dict[int, tuple[bool, str]],
    expected_version: int | None,
    by: "User | None",
    request: HttpRequest | None = None,
) -> JobApplication:
    """Shortlisting against each criterion: met or not yet, with a note."""
    if application.stage != JobStage.APPLIED:
        raise ValidationError("Shortlisting is done while the application is received.")
    with transaction.atomic():
        claim_version(application, expected_version=expected_version)
        for answer in application.answers.all():
            meets, note = decisions[answer.criterion_id]
            answer.meets, answer.shortlist_note = meets, note.strip()
            answer.save(update_fields=["meets", "shortlist_note"])
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=application,
            actor=by,
            organisation_id=application.organisation_id,
            reason="shortlisting against the criteria",
        )
    return application


def interview_book(
    *,
    application: JobApplication,
    starts_at: datetime,
    place: str,
    panel: list[Any],
    by: "User | None",
    request: HttpRequest | None = None,
) -> Interview:
    """Book a shortlisted applicant's interview with a panel; they are told by email."""
    if application.stage not in (JobStage.SHORTLISTED, JobStage.INTERVIEW):
        raise ValidationError("Only a shortlisted applicant is invited to interview.")
    if starts_at <= timezone.now():
        raise ValidationError({"at": "Choose a date and time in the future."})
    if not panel:
        raise ValidationError({"panel": "Choose who sits on the interview panel."})
    with transaction.atomic():
        interview = Interview.objects.create(
            organisation_id=application.organisation_id,
            application=application,
            starts_at=starts_at,
            place=place.strip(),
        )
        interview.panel.set(panel)
        if application.stage == JobStage.SHORTLISTED:
            bump_version(JobApplication.objects.filter(pk=application.pk))
            application.refresh_from_db()
            _move(application, JobStage.INTERVIEW, "Interview booked", by)
        audit(
            request,
            action=AuditAction.CREATE,
            obj=interview,
            actor=by,
            organisation_id=application.organisation_id,
            reason="interview booked",
        )
        _tell_applicant(application, "interview_booked", request, interview=interview)
    return interview


def panel_scores_record(
    *,
    application: JobApplication,
    scores: dict[int, tuple[int, str]],
    by: "User",
    request: HttpRequest | None = None,
) -> list[PanelScore]:
    """A panel member scores each question 1 to 5 with a note; once each (scores are kept
    as given)."""
    if application.stage not in (JobStage.INTERVIEW, JobStage.OFFER):
        raise ValidationError("Scores are recorded after the interview is booked.")
    if PanelScore.objects.filter(application=application, author=by).exists():
        raise ValidationError("You have already scored this interview.")
    questions = list(application.vacancy.questions.all())
    with transaction.atomic():
        made = PanelScore.objects.bulk_create(
            PanelScore(
                organisation_id=application.organisation_id,
                application=application,
                question=q,
                author=by,
                score=scores[q.pk][0],
                note=scores[q.pk][1].strip(),
            )
            for q in questions
        )
        audit(
            request,
            action=AuditAction.CREATE,
            obj=application,
            actor=by,
            organisation_id=application.organisation_id,
            reason="interview panel scores",
        )
    return made


def appoint(
    *,
    application: JobApplication,
    starts_on: date,
    hours_per_week: Decimal,
    line_manager: Any,
    peer_supervisor: Any,
    expected_version: int | None,
    by: "User | None",
    request: HttpRequest | None = None,
    replaces_current: bool = False,
) -> EmploymentRecord:
    """Appointment: one transaction makes the employment record, gives the worker the PSW
    role in the post's team (an invitation for someone with no account) and closes the
    application. For a peer worker already in post, `replaces_current` ends their current
    employment the day before the new one starts, in the same transaction. A post never
    has two current employment records."""
    post = application.vacancy.post
    organisation = application.organisation
    with transaction.atomic():
        claim_version(application, expected_version=expected_version)
        if application.stage != JobStage.ACCEPTED:
            raise ValidationError("Only an applicant who accepted the offer is appointed.")
        worker = application.applicant or (
            get_user_model().objects.filter(email__iexact=application.email).first()
        )
        if worker is None:
            worker = user_invite(
                organisation=organisation,
                email=application.email,
                full_name=application.full_name,
                roles={Role.PSW},
                team=post.team,
                by=by,
                request=request,
            )
        else:
            Membership.objects.get_or_create(
                user=worker,
                organisation=organisation,
                role=Role.PSW,
                defaults={"team": post.team},
            )
        if replaces_current:
            _end_for_new_post(worker, organisation.pk, post, starts_on, by, request)
        if (
            EmploymentRecord.objects.filter(post=post)
            .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on))
            .exists()
        ):
            raise ValidationError(
                {
                    "starts_on": "Someone is still employed in this post on that date. End "
                    "their employment first, or choose a later start date."
                }
            )
        record = EmploymentRecord(
            organisation=organisation,
            worker=worker,
            post=post,
            starts_on=starts_on,
            hours_per_week=hours_per_week,
            line_manager=line_manager,
            peer_supervisor=peer_supervisor,
            application=application,
            created_by=by,
        )
        record.full_clean(exclude=["created_by"])
        record.save()
        _move(application, JobStage.APPOINTED, f"Appointed from {starts_on:%-d %B %Y}", by)
        audit(
            request,
            action=AuditAction.CREATE,
            obj=record,
            actor=by,
            organisation_id=organisation.pk,
            reason=f"appointed to {post.title}",
        )
        _tell_applicant(application, JobStage.APPOINTED, request, record=record)
    return record


def _end_for_new_post(
    worker: Any,
    organisation_id: int,
    post: Post,
    starts_on: date,
    by: "User | None",
    request: HttpRequest | None,
) -> None:
    """End the worker's employment still running when the new post starts, the day
    before it starts."""
    last_day = starts_on - timedelta(days=1)
    running = list(
        EmploymentRecord.objects.select_for_update()
        .filter(organisation_id=organisation_id, worker=worker)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gt=last_day))
    )
    if not running:
        raise ValidationError(
            {"replaces_current": "They have no current post to replace. Choose “No”."}
        )
    for current in running:
        if current.starts_on > last_day:
            raise ValidationError(
                {
                    "starts_on": f"Their post as {current.post.title} starts on "
                    f"{current.starts_on:%-d %B %Y}: the new post must start after that."
                }
            )
        bump_version(
            EmploymentRecord.objects.filter(pk=current.pk),
            ends_on=last_day,
            end_reason=f"Moved to a new post: {post.title}",
        )
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=current,
            actor=by,
            organisation_id=organisation_id,
            reason=f"employment ended: moved to {post.title}",
        )


def employment_end(
    *,
    record: EmploymentRecord,
    ends_on: date,
    reason: str,
    expected_version: int | None,
    by: "User | None",
    request: HttpRequest | None = None,
) -> EmploymentRecord:
    """An employment ends, with the date and why (for retention)."""
    if not reason.strip():
        raise ValidationError({"reason": "Say why the employment ended."})
    if ends_on < record.starts_on:
        raise ValidationError({"ends_on": "The end date must be on or after the start date."})
    with transaction.atomic():
        claim_version(record, expected_version=expected_version)
        if record.ends_on is not None:
            raise ValidationError("This employment has already ended.")
        record.ends_on, record.end_reason = ends_on, reason.strip()
        record.full_clean(exclude=["created_by"])
        record.save(update_fields=["ends_on", "end_reason", "version"])
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=record,
            actor=by,
            organisation_id=record.organisation_id,
            reason="employment ended",
        )
    return record


# What a coordinator may change on a current employment record, as the history names it.
EDITABLE = {
    "line_manager": "Line manager",
    "peer_supervisor": "Peer supervisor",
    "hours_per_week": "Hours a week",
}


def _said(value: Any) -> str:
    if value is None:
        return "Not yet named"
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(getattr(value, "display_name", None) or value)


def _staff_of(organisation_id: int, user: Any, field: str, label: str) -> None:
    if (
        user is not None
        and not Membership.objects.filter(
            user=user, organisation_id=organisation_id, role=Role.SUPERVISOR
        ).exists()
    ):
        raise ValidationError({field: f"Choose a {label} from your organisation's staff."})


def employment_edit(
    *,
    record: EmploymentRecord,
    line_manager: Any,
    peer_supervisor: Any,
    hours_per_week: Decimal,
    reason: str,
    expected_version: int | None,
    by: "User | None",
    request: HttpRequest | None = None,
) -> list[EmploymentChange]:
    """A coordinator changes who manages or supervises a peer worker, or their hours. Each
    change is kept as a row of the record's history (from → to, when, by whom, why); an
    ended record is not changed."""
    new = {
        "line_manager": line_manager,
        "peer_supervisor": peer_supervisor,
        "hours_per_week": hours_per_week,
    }
    with transaction.atomic():
        claim_version(record, expected_version=expected_version)
        if record.ends_on is not None:
            raise ValidationError(
                "This employment has ended, so it can no longer be changed. Its history is "
                "kept as it was."
            )
        changes = []
        for name, label in EDITABLE.items():
            before, after = getattr(record, name), new[name]
            if before != after:
                if name != "hours_per_week":
                    _staff_of(record.organisation_id, after, name, label.lower())
                changes.append(
                    EmploymentChange(
                        organisation_id=record.organisation_id,
                        record=record,
                        what=label,
                        before=_said(before),
                        after=_said(after),
                        reason=reason.strip(),
                        by=by,
                    )
                )
                setattr(record, name, after)
        record.full_clean(exclude=["created_by"])
        record.save(update_fields=[*EDITABLE, "version"])
        made = EmploymentChange.objects.bulk_create(changes)
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=record,
            actor=by,
            organisation_id=record.organisation_id,
            reason="employment changed: " + (", ".join(c.what for c in changes) or "nothing"),
        )
    return made
