from django.urls import URLPattern

from . import views  # noqa: F401

app_name = "governance"

urlpatterns: list[URLPattern] = []
