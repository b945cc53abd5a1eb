"""The trainee's recovery story pages (theirs alone) and the cohort's submitted work."""

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from peerpath.core.access import get_in_organisation_or_404, roles
from peerpath.core.formpage import form_status, posted
from peerpath.core.http import OrgRequest
from peerpath.core.roles import Role
from peerpath.core.versioning import EditConflict, VersionField, show_conflict
from peerpath.training import selectors, services


class StoryForm(forms.Form):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 18}),
        required=False,
        max_length=50_000,
        label="Your recovery story",
        help_text="Only you can read this until you choose to submit it.",
        error_messages={
            "max_length": "Your story is longer than 50,000 characters. Please shorten it."
        },
    )
    version = VersionField()


def _no_story(request: OrgRequest) -> HttpResponse:
    return TemplateResponse(request, "training/story_none.jinja", {})


# The autosave's status line. It keeps the version this page opened at, so it goes on
# refusing until the trainee chooses: "Save draft" shows the usual conflict page, with
# their words kept, from which saving again keeps them.
AUTOSAVE_CONFLICT = (
    "Your story was saved from another window or device since this page opened, so this "
    "page has stopped saving. Nothing has been overwritten. Press “Save draft” to keep "
    "your words, or copy anything you want to keep and reload the page."
)


@roles(Role.TRAINEE)
@require_http_methods(["GET", "POST"])
def story_page(request: OrgRequest) -> HttpResponse:
    enrolment = selectors.story.story_enrolment(actor=request.actor)
    if enrolment is None:
        return _no_story(request)
    draft = services.story.story_draft(enrolment)
    form = StoryForm(posted(request), initial={"text": draft.text, "version": draft.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.story.story_save(
                draft=draft,
                text=form.cleaned_data["text"],
                expected_version=form.cleaned_data["version"],
                by=request.actor.user,
                request=request,
            )
        except EditConflict as conflict:
            show_conflict(form, conflict, what="your story", own=True)
        else:
            if "submit" in request.POST:
                return redirect("training:story-submit")
            messages.success(request, "Your draft is saved. Only you can read it.")
            return redirect("training:story")
    return TemplateResponse(
        request,
        "training/story.jinja",
        {
            "lesson": selectors.story.lesson(),
            "form": form,
            "enrolment": enrolment,
            "submissions": list(selectors.story.story_submissions(enrolment)),
        },
        status=form_status(form),
    )


@roles(Role.TRAINEE)
@require_POST
def story_autosave(request: OrgRequest) -> HttpResponse:
    """HTMX: save while the trainee types; answers with the status line and new version."""
    enrolment = selectors.story.story_enrolment(actor=request.actor)
    if enrolment is None:
        return _no_story(request)
    draft = services.story.story_draft(enrolment)
    form = StoryForm(request.POST)
    status, message, version = 200, "", draft.version
    if not form.is_valid():
        status, message = 400, " ".join(str(e) for errors in form.errors.values() for e in errors)
    else:
        try:
            draft = services.story.story_save(
                draft=draft,
                text=form.cleaned_data["text"],
                expected_version=form.cleaned_data["version"],
                by=request.actor.user,
                request=request,
            )
        except EditConflict:
            status, message = 409, AUTOSAVE_CONFLICT
            version = form.cleaned_data["version"]
        else:
            message = f"Draft saved at {timezone.localtime():%H:%M}. Only you can read it."
            version = draft.version
    return TemplateResponse(
        request,
        "training/_story_status.jinja",
        {"message": message, "version": version, "error": status != 200},
        status=status,
    )


@roles(Role.TRAINEE)
@require_http_methods(["GET", "POST"])
def story_submit(request: OrgRequest) -> HttpResponse:
    enrolment = selectors.story.story_enrolment(actor=request.actor)
    if enrolment is None:
        return _no_story(request)
    draft = services.story.story_draft(enrolment)
    error = "" if draft.text.strip() else "There is nothing to submit yet. Write your story first."
    if request.method == "POST" and not error:
        submission = services.story.story_submit(
            draft=draft, by=request.actor.user, request=request
        )
        messages.success(
            request,
            f"Your story is submitted (version {submission.number}). Your tutor can now read "
            "this version. You can keep working on your draft privately.",
        )
        return redirect("training:story")
    return TemplateResponse(
        request,
        "training/story_submit.jinja",
        {"draft": draft, "error": error},
        status=400 if request.method == "POST" and error else 200,
    )


@roles(Role.ORG_ADMIN, Role.COORDINATOR, Role.TRAINER)
@require_http_methods(["GET"])
def cohort_submissions(request: OrgRequest, pk: int) -> HttpResponse:
    cohort = get_in_organisation_or_404(
        request, selectors.delivery.cohorts_of(actor=request.actor), pk=pk
    )
    return TemplateResponse(
        request,
        "training/cohort_submissions.jinja",
        {"cohort": cohort, "submissions": list(selectors.story.cohort_submissions(cohort))},
    )
