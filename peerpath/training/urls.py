from django.urls import path

from . import views

app_name = "training"

urlpatterns = [
    path("training/programmes/", views.programme_list, name="programme-list"),
    path("training/programmes/<int:pk>/", views.programme_detail, name="programme-detail"),
    path("training/programmes/<int:pk>/copy/", views.programme_copy, name="programme-copy"),
    path("training/programmes/<int:pk>/edit/", views.programme_edit, name="programme-edit"),
    path(
        "training/programmes/<int:pk>/coverage/",
        views.programme_coverage,
        name="programme-coverage",
    ),
    path("training/programmes/<int:pk>/modules/add/", views.module_add, name="module-add"),
    path("training/modules/<int:pk>/edit/", views.module_edit, name="module-edit"),
]
