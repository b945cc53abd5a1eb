"""A peer worker's own wellbeing plan and check-ins: private unless they share a part."""
