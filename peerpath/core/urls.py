from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("manage/audit/", views.audit_list, name="audit-list"),
    path("manage/audit/export.csv", views.audit_export, name="audit-export"),
]
