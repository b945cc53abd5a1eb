"""Supervision agreements, sessions, actions and sign-off for employed peer workers."""
