from django.urls import path

from . import views

app_name = "caseload"

urlpatterns = [
    path("caseload/", views.caseload, name="caseload"),
    path("people/<int:person>/", views.person_detail, name="person-detail"),
]
