"""The service's health: /healthz for load balancers, /healthz/jobs for monitoring, and
the background jobs' page for organisation admins (linked from their home page)."""

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from peerpath.core.access import public, roles
from peerpath.core.http import OrgRequest
from peerpath.core.roles import Role

from . import presenters, selectors

LATEST = 50


@public
@require_http_methods(["GET", "HEAD"])
def healthz_jobs(request: HttpRequest) -> HttpResponse:
    """For monitoring: 200 while a worker is running and no periodic job is overdue, 503
    otherwise, with the same JSON as /healthz's `jobs`. Alert on it; do not point a load
    balancer at it (README, "Processes")."""
    health = selectors.jobs_health_or_error(timezone.now())
    return JsonResponse(health, status=200 if health["status"] == "ok" else 503)


@roles(Role.ORG_ADMIN)
@require_http_methods(["GET"])
def job_list(request: OrgRequest) -> HttpResponse:
    now = timezone.now()
    organisation_id = request.organisation.pk
    not_sent = list(selectors.emails_not_sent(now, organisation_id)[:LATEST])
    return TemplateResponse(
        request,
        "jobs/job_list.jinja",
        {
            "worker": presenters.worker_sentence(selectors.worker_status(now)),
            "periodic": presenters.periodic_rows(selectors.periodic_statuses(now)),
            "emails": selectors.email_counts(now, organisation_id),
            "not_sent": presenters.email_rows(not_sent),
        },
    )


@public
@require_http_methods(["GET", "HEAD"])
def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers: 200 when the database answers, 503 when it does not.

    It also says how the background jobs stand (`jobs`: whether a worker is running, each
    periodic job's last run and outcome, which are overdue), but a late job never makes
    it answer 503: this web server can still serve pages, and taking it out of rotation
    would not bring the worker back. Monitoring alerts on /healthz/jobs instead (README).
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy"; never a traceback
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse(
        {"status": "ok", "database": "ok", "jobs": selectors.jobs_health_or_error(timezone.now())}
    )
