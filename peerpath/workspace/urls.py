from django.urls import path

from . import views

app_name = "workspace"

urlpatterns = [
    path("", views.home, name="home"),
    path("people/<int:person>/", views.person_detail, name="person-detail"),
    path("workforce/", views.workforce, name="workforce"),
    path("workforce/export.csv", views.workforce_export, name="workforce-export"),
]
