"""Workforce's pages: a team's request for a peer worker, posts and their vacancies."""

from django.urls import path

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
    path("workforce/vacancies/<int:pk>/edit/", views.vacancy_edit, name="vacancy-edit"),
    path("workforce/vacancies/<int:pk>/move/", views.vacancy_move, name="vacancy-move"),
]
