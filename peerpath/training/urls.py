from django.urls import path

from peerpath.training.views import (
    assessment,
    delivery,
    graduation,
    placement,
    portfolio,
    programmes,
    requirements,
    story,
)

app_name = "training"

urlpatterns = [
    path("training/programmes/", programmes.programme_list, name="programme-list"),
    path("training/programmes/<int:pk>/", programmes.programme_detail, name="programme-detail"),
    path("training/programmes/<int:pk>/copy/", programmes.programme_copy, name="programme-copy"),
    path("training/programmes/<int:pk>/edit/", programmes.programme_edit, name="programme-edit"),
    path(
        "training/programmes/<int:pk>/wording/",
        programmes.programme_wording,
        name="programme-wording",
    ),
    path(
        "training/programmes/<int:pk>/coverage/",
        programmes.programme_coverage,
        name="programme-coverage",
    ),
    path("training/programmes/<int:pk>/modules/add/", programmes.module_add, name="module-add"),
    path("training/modules/<int:pk>/edit/", programmes.module_edit, name="module-edit"),
]

urlpatterns += [
    path("training/cohorts/", delivery.cohort_list, name="cohort-list"),
    path(
        "training/cohorts/facilitators/",
        delivery.cohort_facilitator_search,
        name="cohort-facilitator-search",
    ),
    path("training/cohorts/<int:pk>/", delivery.cohort_detail, name="cohort-detail"),
    path(
        "training/cohorts/<int:pk>/timetable/",
        delivery.timetable_generate,
        name="timetable-generate",
    ),
    path("training/sessions/<int:pk>/move/", delivery.session_move, name="session-move"),
    path("training/sessions/<int:pk>/register/", delivery.register, name="register"),
    path("training/my/", delivery.my_training, name="my-training"),
]

urlpatterns += [
    path("training/my/story/", story.story_page, name="story"),
    path("training/my/story/autosave/", story.story_autosave, name="story-autosave"),
    path("training/my/story/submit/", story.story_submit, name="story-submit"),
    path(
        "training/cohorts/<int:pk>/submissions/",
        story.cohort_submissions,
        name="cohort-submissions",
    ),
]

urlpatterns += [
    path("training/my/assessments/", assessment.my_assessments, name="my-assessments"),
    path("training/my/assessments/<int:pk>/", assessment.my_assessment, name="my-assessment"),
    path("training/marking/", assessment.marking_queue, name="marking-queue"),
    path(
        "training/submissions/<int:pk>/mark/",
        assessment.submission_mark,
        name="submission-mark",
    ),
    path(
        "training/submissions/<int:pk>/file/",
        assessment.submission_download,
        name="submission-download",
    ),
    path(
        "training/assessments/<int:pk>/criteria/",
        assessment.assessment_criteria,
        name="assessment-criteria",
    ),
]

urlpatterns += [
    path(
        "training/enrolments/<int:pk>/placement/new/",
        placement.placement_create,
        name="placement-create",
    ),
    path("training/placements/", placement.placement_list, name="placement-list"),
    path("training/placements/<int:pk>/", placement.placement_detail, name="placement-detail"),
    path("training/placements/<int:pk>/days/", placement.placement_day, name="placement-day"),
    path(
        "training/placement-days/<int:pk>/confirm/",
        placement.placement_day_confirm,
        name="placement-day-confirm",
    ),
    path(
        "training/placements/<int:pk>/reviews/",
        placement.placement_review,
        name="placement-review",
    ),
    path(
        "training/placements/<int:pk>/sign-off/",
        placement.placement_sign_off,
        name="placement-sign-off",
    ),
    path("training/my/portfolio/", portfolio.my_portfolio, name="my-portfolio"),
    path(
        "training/enrolments/<int:pk>/portfolio/",
        portfolio.enrolment_portfolio,
        name="enrolment-portfolio",
    ),
    path("training/portfolio/<int:pk>/", portfolio.portfolio_entry, name="portfolio-entry"),
    path(
        "training/portfolio/reviews/",
        portfolio.portfolio_review_queue,
        name="portfolio-review-queue",
    ),
]

urlpatterns += [
    path(
        "training/enrolments/<int:pk>/graduation/",
        graduation.graduation_page,
        name="graduation",
    ),
    path("training/awards/<int:pk>/certificate.pdf", graduation.certificate, name="certificate"),
    path("training/awards/<int:pk>/outcomes/", graduation.outcome_add, name="outcome-add"),
    path("verify/", graduation.verify, name="verify"),
    path("verify/<str:number>/", graduation.verify_number, name="verify-number"),
]


urlpatterns += [
    path(
        "training/programmes/<int:pk>/requirements/",
        requirements.programme_requirements,
        name="programme-requirements",
    ),
    path(
        "training/assessments/<int:pk>/change/",
        requirements.assessment_change,
        name="assessment-change",
    ),
    path(
        "training/eligibility/<int:pk>/remove/",
        requirements.eligibility_remove,
        name="eligibility-remove",
    ),
]
