"""Reflective practice sessions and quarterly peer worker professional forums."""
