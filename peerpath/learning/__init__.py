"""Learning after appointment: the induction package, the reflective practice work
placement booklet, continuing development plans and refreshers."""
