from django.urls import path

from . import views

app_name = "groups"

urlpatterns = [
    path("groups/", views.group_list, name="group-list"),
    path("groups/new/", views.group_create, name="group-create"),
    path("groups/<int:pk>/", views.group_detail, name="group-detail"),
    path("groups/<int:pk>/edit/", views.group_edit, name="group-edit"),
    path("groups/<int:pk>/members/add/", views.member_add, name="member-add"),
    path("groups/<int:pk>/members/search/", views.member_search, name="member-search"),
    path(
        "groups/<int:group>/members/<int:member>/remove/",
        views.member_remove,
        name="member-remove",
    ),
    path("groups/<int:pk>/sessions/new/", views.session_create, name="session-create"),
    path("groups/<int:group>/sessions/<int:pk>/register/", views.register, name="register"),
    path("people/<int:person>/groups/", views.person_groups, name="person-groups"),
    path("my/groups/", views.my_groups, name="my-groups"),
]
