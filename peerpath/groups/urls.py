from django.urls import URLPattern

from . import views  # noqa: F401

app_name = "groups"

urlpatterns: list[URLPattern] = []
