from django.urls import path

from . import (
    assessment_views,
    delivery_views,
    graduation_views,
    practice_views,
    requirements_views,
    story_views,
    views,
)

app_name = "training"

urlpatterns = [
    path("training/programmes/", views.programme_list, name="programme-list"),
    path("training/programmes/<int:pk>/", views.programme_detail, name="programme-detail"),
    path("training/programmes/<int:pk>/copy/", views.programme_copy, name="programme-copy"),
    path("training/programmes/<int:pk>/edit/", views.programme_edit, name="programme-edit"),
    path(
        "training/programmes/<int:pk>/wording/", views.programme_wording, name="programme-wording"
    ),
    path(
        "training/programmes/<int:pk>/coverage/",
        views.programme_coverage,
        name="programme-coverage",
    ),
    path("training/programmes/<int:pk>/modules/add/", views.module_add, name="module-add"),
    path("training/modules/<int:pk>/edit/", views.module_edit, name="module-edit"),
]

urlpatterns += [
    path("training/cohorts/", delivery_views.cohort_list, name="cohort-list"),
    path("training/cohorts/<int:pk>/", delivery_views.cohort_detail, name="cohort-detail"),
    path(
        "training/cohorts/<int:pk>/timetable/",
        delivery_views.timetable_generate,
        name="timetable-generate",
    ),
    path("training/sessions/<int:pk>/move/", delivery_views.session_move, name="session-move"),
    path("training/sessions/<int:pk>/register/", delivery_views.register, name="register"),
    path("training/my/", delivery_views.my_training, name="my-training"),
]

urlpatterns += [
    path("training/my/story/", story_views.story_page, name="story"),
    path("training/my/story/autosave/", story_views.story_autosave, name="story-autosave"),
    path("training/my/story/submit/", story_views.story_submit, name="story-submit"),
    path(
        "training/cohorts/<int:pk>/submissions/",
        story_views.cohort_submissions,
        name="cohort-submissions",
    ),
]

urlpatterns += [
    path("training/my/assessments/", assessment_views.my_assessments, name="my-assessments"),
    path("training/my/assessments/<int:pk>/", assessment_views.my_assessment, name="my-assessment"),
    path("training/marking/", assessment_views.marking_queue, name="marking-queue"),
    path(
        "training/submissions/<int:pk>/mark/",
        assessment_views.submission_mark,
        name="submission-mark",
    ),
    path(
        "training/submissions/<int:pk>/file/",
        assessment_views.submission_download,
        name="submission-download",
    ),
    path(
        "training/assessments/<int:pk>/criteria/",
        assessment_views.assessment_criteria,
        name="assessment-criteria",
    ),
]

urlpatterns += [
    path(
        "training/enrolments/<int:pk>/placement/new/",
        practice_views.placement_create,
        name="placement-create",
    ),
    path("training/placements/", practice_views.placement_list, name="placement-list"),
    path("training/placements/<int:pk>/", practice_views.placement_detail, name="placement-detail"),
    path("training/placements/<int:pk>/days/", practice_views.placement_day, name="placement-day"),
    path(
        "training/placement-days/<int:pk>/confirm/",
        practice_views.placement_day_confirm,
        name="placement-day-confirm",
    ),
    path(
        "training/placements/<int:pk>/reviews/",
        practice_views.placement_review,
        name="placement-review",
    ),
    path(
        "training/placements/<int:pk>/sign-off/",
        practice_views.placement_sign_off,
        name="placement-sign-off",
    ),
    path("training/my/portfolio/", practice_views.my_portfolio, name="my-portfolio"),
    path(
        "training/enrolments/<int:pk>/portfolio/",
        practice_views.enrolment_portfolio,
        name="enrolment-portfolio",
    ),
    path("training/portfolio/<int:pk>/", practice_views.portfolio_entry, name="portfolio-entry"),
    path(
        "training/portfolio/reviews/",
        practice_views.portfolio_review_queue,
        name="portfolio-review-queue",
    ),
]

urlpatterns += [
    path(
        "training/enrolments/<int:pk>/graduation/",
        graduation_views.graduation_page,
        name="graduation",
    ),
    path(
        "training/awards/<int:pk>/certificate.pdf", graduation_views.certificate, name="certificate"
    ),
    path("training/awards/<int:pk>/outcomes/", graduation_views.outcome_add, name="outcome-add"),
    path("verify/", graduation_views.verify, name="verify"),
    path("verify/<str:number>/", graduation_views.verify_number, name="verify-number"),
]

urlpatterns += [
    path("training/dashboard/", graduation_views.dashboard, name="dashboard"),
]

urlpatterns += [
    path(
        "training/programmes/<int:pk>/requirements/",
        requirements_views.programme_requirements,
        name="programme-requirements",
    ),
    path(
        "training/assessments/<int:pk>/change/",
        requirements_views.assessment_change,
        name="assessment-change",
    ),
    path(
        "training/eligibility/<int:pk>/remove/",
        requirements_views.eligibility_remove,
        name="eligibility-remove",
    ),
]
