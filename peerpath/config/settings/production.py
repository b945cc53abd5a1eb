"""Production: secure defaults; everything secret or host-specific comes from the environment."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, PEERPATH_BASE_URL, SECRET_KEY, env

if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY to a random value of 50 or more characters.")

DEBUG = False
# Emails the worker sends outside a request (escalations, reminders) link to this address;
# unset, the first allowed host, over HTTPS.
if not PEERPATH_BASE_URL and ALLOWED_HOSTS and not ALLOWED_HOSTS[0].startswith((".", "*")):
    PEERPATH_BASE_URL = f"https://{ALLOWED_HOSTS[0]}"
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
# Load balancers probe /healthz over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz(/jobs)?$"]
# The reverse proxy terminates TLS and sets X-Forwarded-Proto (README, "Deployment").
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# __Host- cookies are bound to this host, over HTTPS, for path /.
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
