"""A copy of the person's crisis plan kept on their phone, for when there is no connection
(issue 13; PLAN13 B8).

Opt-in: "Keep a copy on this phone" on the crisis plan page registers this service worker
(static/peerpath/crisis-plan-offline.js). Its scope is /my/crisis-plan/ only. It handles:

- a visit to exactly /my/crisis-plan/: the network first; a copy is kept only of a 200
  that was not redirected and carries the page's marker header, so a log-in page or a
  refusal is never kept; with no connection, the kept copy;
- the site's static files that page uses: the kept copy first.

Nothing else passes through it. The script is the same for everyone and holds no personal
data. At log-out the browser is told to clear what the site stored, unless the person
chose to keep the copy (`ClearSiteDataAtLogoutMiddleware`).
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

CACHE_NAME = "peerpath-crisis-plan-v1"
PAGE = "/my/crisis-plan/"
MARKER = ("X-PeerPath-Offline", "crisis-plan")
# Set by the page's script while a copy is kept; only says that, nothing about anyone.
KEPT_COOKIE = "pp_offline_copy"

SERVICE_WORKER = f"""// PeerPath: a copy of the crisis plan page on this phone.
const CACHE = "{CACHE_NAME}";
const PAGE = "{PAGE}";
const MARKER = "{MARKER[0]}";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

async function networkFirst(request) {{
  const cache = await caches.open(CACHE);
  try {{
    const response = await fetch(request);
    if (response.status === 200 && !response.redirected &&
        response.headers.get(MARKER) === "{MARKER[1]}") {{
      await cache.put(PAGE, response.clone());
    }}
    return response;
  }} catch (error) {{
    const kept = await cache.match(PAGE);
    if (kept) return kept;
    throw error;
  }}
}}

async function cacheFirst(request) {{
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.status === 200) await cache.put(request, response.clone());
  return response;
}}

self.addEventListener("fetch", (event) => {{
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate" && url.pathname === PAGE) {{
    event.respondWith(networkFirst(request));
  }} else if (url.pathname.startsWith("/static/")) {{
    event.respondWith(cacheFirst(request));
  }}
}});
"""


class ClearSiteDataAtLogoutMiddleware:
    """At log-out, tell the browser to clear what PeerPath stored on it (its caches and
    service workers), so the next person on a shared computer finds nothing. Not when the
    person chose to keep a copy of their crisis plan on their phone: clearing would take
    away the copy they asked for, which matters most when they have no connection."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.method == "POST"
            and request.path == reverse("account_logout")
            and request.COOKIES.get(KEPT_COOKIE) != "1"
        ):
            response["Clear-Site-Data"] = '"storage"'
        return response
