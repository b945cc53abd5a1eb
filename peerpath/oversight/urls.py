"""Pages of oversight: urgent access (break-the-glass) and "who has seen my record"."""

from django.urls import path

from . import views

app_name = "oversight"

urlpatterns = [
    path("urgent-access/", views.urgent_find, name="urgent-find"),
    path("urgent-access/new/", views.urgent_new, name="urgent-new"),
    path("urgent-access/review/", views.urgent_review_list, name="urgent-review-list"),
    path("urgent-access/<int:pk>/", views.urgent_detail, name="urgent-detail"),
    path("urgent-access/<int:pk>/crisis-plan.pdf", views.urgent_pdf, name="urgent-pdf"),
    path("urgent-access/<int:pk>/end/", views.urgent_end, name="urgent-end"),
    path("urgent-access/<int:pk>/review/", views.urgent_review, name="urgent-review"),
    path("my/who-has-seen/", views.who_has_seen, name="who-has-seen"),
]
