"""Reminders and the scheduled work that sends them (issue 20)."""
