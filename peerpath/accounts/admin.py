from django.contrib import admin

from .models import User


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ("email", "full_name", "is_active", "is_superuser", "last_login")
    search_fields = ("email", "full_name")
    readonly_fields = ("public_id", "last_login", "date_joined", "password")
    fields = (
        "public_id",
        "email",
        "full_name",
        "preferred_name",
        "is_active",
        "is_staff",
        "is_superuser",
        "password",
        "last_login",
        "date_joined",
    )
