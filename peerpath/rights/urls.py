"""Pages of rights: a copy of the record (subject access), corrections, retention."""

from django.urls import path

from . import correction_views, retention_views, views

app_name = "rights"

REVIEW = "access-requests/<int:pk>/"

urlpatterns = [
    path("my/copy/", views.my_copy, name="my-copy"),
    path("my/copy/<int:pk>/<slug:kind>/", views.my_copy_download, name="my-copy-download"),
    path(
        "people/<int:person>/access-requests/new/",
        views.request_create,
        name="request-create",
    ),
    path("access-requests/", views.review_list, name="review-list"),
    path(REVIEW, views.review_detail, name="review-detail"),
    path(REVIEW + "items/<int:item>/", views.item_decide, name="item-decide"),
    path(REVIEW + "release/", views.release, name="release"),
    path(REVIEW + "extend/", views.extend, name="extend"),
    path(REVIEW + "refuse/", views.refuse, name="refuse"),
    path(REVIEW + "files/<slug:kind>/", views.review_download, name="review-download"),
    path("my/corrections/", correction_views.my_corrections, name="my-corrections"),
    path("my/corrections/new/", correction_views.my_correction_create, name="my-correction-create"),
    path(
        "people/<int:person>/corrections/<int:pk>/",
        correction_views.correction_answer,
        name="correction-answer",
    ),
    path("manage/retention/", retention_views.retention_list, name="retention-list"),
    path(
        "manage/retention/<int:pk>/",
        retention_views.retention_review,
        name="retention-review",
    ),
    path(
        "manage/retention/<int:pk>/confirm/",
        retention_views.retention_confirm,
        name="retention-confirm",
    ),
]
