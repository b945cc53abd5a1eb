"""The “write your recovery story” lesson: a private draft, autosaved, submitted by choice.

Nobody but the trainee can read the draft: it has no page anyone else can open. Submitting
copies the text into a Submission for the programme's recovery story essay, which the
cohort's trainers and the coordinator then read.
"""

from typing import TYPE_CHECKING

from django.db import transaction
from django.http import HttpRequest

from peerpath.core.audit import audit
from peerpath.core.models import AuditAction
from peerpath.core.versioning import save_if_unchanged
from peerpath.training.models import (
    Enrolment,
    StoryDraft,
    Submission,
)
from peerpath.training.selectors.story import essay_assessment

if TYPE_CHECKING:
    from peerpath.accounts.models import User


def story_draft(enrolment: Enrolment) -> StoryDraft:
    draft, _ = StoryDraft.objects.get_or_create(
        enrolment=enrolment, defaults={"organisation": enrolment.organisation}
    )
    return draft


def story_save(
    *,
    draft: StoryDraft,
    text: str,
    expected_version: int | None,
    by: "User | None",
    request: HttpRequest | None,
) -> StoryDraft:
    """Save the draft, unless another window saved it first (EditConflict: nothing
    changes)."""
    with transaction.atomic():
        save_if_unchanged(draft, expected_version=expected_version, changes={"text": text})
        # The audit row says a draft was saved; never what it says.
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=draft,
            actor=by,
            organisation_id=draft.organisation_id,
            reason="draft saved",
        )
    return draft


def story_submit(
    *, draft: StoryDraft, by: "User | None", request: HttpRequest | None
) -> Submission:
    """Share the story as it is now with the tutors, as the next version of the essay."""
    if not draft.text.strip():
        raise ValueError("There is nothing to submit yet.")
    with transaction.atomic():
        assessment = essay_assessment(draft.enrolment)
        number = (
            Submission.objects.filter(enrolment=draft.enrolment, assessment=assessment).count() + 1
        )
        submission = Submission.objects.create(
            organisation=draft.organisation,
            enrolment=draft.enrolment,
            assessment=assessment,
            number=number,
            text=draft.text,
        )
        audit(
            request,
            action=AuditAction.CREATE,
            obj=submission,
            actor=by,
            organisation_id=draft.organisation_id,
            reason="recovery story submitted",
        )
    return submission
