"""Oversight of access to a person's record: "who has seen my record" (from the audit log,
in plain words) and urgent access (break-the-glass) for staff outside the caseload."""
