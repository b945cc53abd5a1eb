"""Forums' pages."""

from django.urls import path

from . import views

app_name = "forums"

urlpatterns = [
    path("forums/", views.forum_list, name="list"),
    path("forums/new/", views.forum_create, name="create"),
    path("forums/<int:pk>/", views.forum_detail, name="detail"),
    path("forums/<int:pk>/invite/", views.forum_invite, name="invite"),
    path("forums/<int:pk>/invite/one/", views.forum_invite_one, name="invite-one"),
    path("forums/<int:pk>/change/", views.forum_edit, name="edit"),
    path("forums/<int:pk>/cancel/", views.forum_cancel, name="cancel"),
    path("forums/<int:pk>/attendance/", views.forum_attendance, name="attendance"),
    path("forums/<int:pk>/notes/", views.forum_notes, name="notes"),
]
