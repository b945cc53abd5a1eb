"""`make bench` (issue 14): production's settings, minus what needs HTTPS, on a database of
its own, with the bench URLconf (PeerPath's URLs plus the bare reference view).

Never the demo's database: SQLite at $PEERPATH_BENCH_DB (scripts/bench sets it), or the
PostgreSQL of DATABASE_URL. Cookies are plain `sessionid`, as the load runs over http on
127.0.0.1; everything else (middleware, templates, sessions, the audit log) is production's.
"""

from .base import *  # noqa: F403
from .base import BASE_DIR, INSTALLED_APPS, LOGGING, SQLITE_OPTIONS, env

DEBUG = False
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="bench-only-" + "x" * 50)
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
ROOT_URLCONF = "peerpath.nonprod.bench_urls"
INSTALLED_APPS = [*INSTALLED_APPS, "peerpath.nonprod"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PEERPATH_BASE_URL = "http://127.0.0.1"

if not env.str("DATABASE_URL", default=""):
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env.str(
                "PEERPATH_BENCH_DB", default=str(BASE_DIR / "data" / "bench" / "bench.sqlite3")
            ),
            "OPTIONS": SQLITE_OPTIONS,
        }
    }

# Requests are not logged one by one while they are timed.
LOGGING = {**LOGGING, "root": {"handlers": ["console"], "level": "WARNING"}}
