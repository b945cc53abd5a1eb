from django.urls import path

from . import views

app_name = "directory"

urlpatterns = [
    path("directory/", views.service_list, name="service-list"),
    path("directory/new/", views.service_create, name="service-create"),
    path("directory/<int:pk>/", views.service_detail, name="service-detail"),
    path("directory/<int:pk>/edit/", views.service_edit, name="service-edit"),
    path("directory/<int:pk>/checked/", views.service_checked, name="service-checked"),
]
