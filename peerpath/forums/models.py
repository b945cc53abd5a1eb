"""Reflective practice sessions and quarterly peer worker professional forums."""

from django.db import models  # noqa: F401
