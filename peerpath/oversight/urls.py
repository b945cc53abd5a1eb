"""Pages of oversight."""

from django.urls import URLPattern

app_name = "oversight"

urlpatterns: list[URLPattern] = []
