from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: audit rows are never changed or deleted."""

    list_display = ("at", "actor_label", "action", "outcome", "object_type", "object_label")
    list_filter = ("action", "outcome")
    search_fields = ("actor_label", "object_label", "path")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
