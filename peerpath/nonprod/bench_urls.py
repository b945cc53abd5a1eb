"""The bench's URLconf (settings/bench.py only): PeerPath's URLs, plus the bare view every
page is measured against, served by the same server in the same run (issue 14).

Production's URLconf never includes this module, so the deny-by-default URL walk is
unaffected; the bare view is still marked public, as every view is.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from peerpath.core.access import public

BARE_PATH = "bench/bare/"


@public
def bare(request: HttpRequest) -> HttpResponse:
    """The reference: the whole middleware stack, then two bytes and no query of its own."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path(BARE_PATH, bare, name="bench-bare"),
    path("", include("peerpath.config.urls")),
]

handler403 = "peerpath.core.views.error_403"
handler404 = "peerpath.core.views.error_404"
handler500 = "peerpath.core.views.error_500"
