from django.urls import path

from . import views

app_name = "jobs"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("healthz/jobs", views.healthz_jobs, name="healthz-jobs"),
    path("manage/jobs/", views.job_list, name="job-list"),
]
