from django.urls import path, register_converter

from . import views


class UnitCodeConverter:
    regex = r"[0-9]{1,2}\.[0-9]{1,2}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class StatementRefConverter(UnitCodeConverter):
    regex = r"[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{1,3}"


register_converter(UnitCodeConverter, "unit")
register_converter(StatementRefConverter, "statement")

app_name = "framework"

urlpatterns = [
    path("framework/", views.overview, name="overview"),
    path("framework/units/<unit:code>/", views.unit, name="unit"),
    path("framework/statements/<statement:ref>/", views.statement, name="statement"),
    path("framework/search/", views.search, name="search"),
    path("framework/print/", views.print_view, name="print"),
    path("framework/export.json", views.export_json, name="export-json"),
    path("framework/export.csv", views.export_csv, name="export-csv"),
    path(
        "published/<slug:organisation>/framework/",
        views.published_overview,
        name="published-overview",
    ),
    path(
        "published/<slug:organisation>/framework/units/<unit:code>/",
        views.published_unit,
        name="published-unit",
    ),
    path(
        "published/<slug:organisation>/framework/search/",
        views.published_search,
        name="published-search",
    ),
    path(
        "published/<slug:organisation>/framework/print/",
        views.published_print,
        name="published-print",
    ),
]
