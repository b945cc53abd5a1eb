"""Workforce's pages: a team's request for a peer worker, posts and their vacancies."""

from django.urls import path

from . import application_views as hiring
from . import views

app_name = "workforce"

urlpatterns = [
    path("workforce/requests/", views.request_list, name="request-list"),
    path("workforce/requests/new/", views.request_create, name="request-create"),
    path("workforce/requests/<int:pk>/", views.request_detail, name="request-detail"),
    path("workforce/requests/<int:pk>/accept/", views.request_accept, name="request-accept"),
    path("workforce/requests/<int:pk>/decline/", views.request_decline, name="request-decline"),
    path("workforce/posts/", views.post_list, name="post-list"),
    path("workforce/posts/new/", views.post_create, name="post-create"),
    path("workforce/posts/<int:pk>/", views.post_detail, name="post-detail"),
    path("workforce/posts/<int:pk>/edit/", views.post_edit, name="post-edit"),
    path(
        "workforce/posts/<int:post>/vacancies/new/",
        views.vacancy_create,
        name="vacancy-create",
    ),
    path("workforce/vacancies/<int:pk>/", views.vacancy_detail, name="vacancy-detail"),
    path("workforce/vacancies/panel/", views.vacancy_panel_search, name="vacancy-panel-search"),
    path("workforce/vacancies/<int:pk>/edit/", views.vacancy_edit, name="vacancy-edit"),
    path("workforce/vacancies/<int:pk>/move/", views.vacancy_move, name="vacancy-move"),
    path(
        "workforce/vacancies/<int:pk>/applications/",
        hiring.vacancy_applications,
        name="vacancy-applications",
    ),
    path("workforce/vacancies/<int:pk>/apply/", hiring.graduate_apply, name="graduate-apply"),
    path("workforce/applications/<int:pk>/", hiring.application_detail, name="application-detail"),
    path("workforce/applications/<int:pk>/move/", hiring.application_move, name="application-move"),
    path(
        "workforce/applications/<int:pk>/shortlist/",
        hiring.application_shortlist,
        name="application-shortlist",
    ),
    path(
        "workforce/applications/<int:pk>/interview/",
        hiring.application_interview,
        name="application-interview",
    ),
    path(
        "workforce/applications/<int:pk>/score/",
        hiring.application_score,
        name="application-score",
    ),
    path(
        "workforce/applications/<int:pk>/appoint/",
        hiring.application_appoint,
        name="application-appoint",
    ),
    path("workforce/employment/", hiring.employment_list, name="employment-list"),
    path("workforce/employment/<int:pk>/", hiring.employment_detail, name="employment-detail"),
    path("workforce/employment/<int:pk>/edit/", hiring.employment_edit, name="employment-edit"),
    path("workforce/employment/<int:pk>/end/", hiring.employment_end, name="employment-end"),
    # Public: the organisation's advertised vacancies, applying, and the applicant's page.
    path("vacancies/<slug:organisation>/", hiring.vacancy_board, name="vacancy-board"),
    path("vacancies/<slug:organisation>/<int:pk>/apply/", hiring.apply, name="apply"),
    path("job-application/<str:token>/", hiring.applicant_home, name="applicant-home"),
]
