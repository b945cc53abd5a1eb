from django.urls import URLPattern

from . import views  # noqa: F401

app_name = "contacts"

urlpatterns: list[URLPattern] = []
