"""Direct observation of practice, the ongoing competence record, and development plans
for an area of significant concern."""

from django.db import models  # noqa: F401
