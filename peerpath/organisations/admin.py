from django.contrib import admin

from .models import Membership, Organisation, Team


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "slug")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation")
    list_filter = ("organisation",)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "organisation", "role", "team")
    list_filter = ("organisation", "role")
    autocomplete_fields = ("user",)
