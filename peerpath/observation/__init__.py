"""Direct observation of practice, the ongoing competence record, and development plans
for an area of significant concern."""
