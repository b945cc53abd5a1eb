"""Observation's pages."""

from django.urls import URLPattern, path  # noqa: F401

app_name = "observation"

urlpatterns: list[URLPattern] = []
