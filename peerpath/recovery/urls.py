from django.urls import URLPattern

from . import views  # noqa: F401

app_name = "recovery"

urlpatterns: list[URLPattern] = []
