"""Sync: the controller and status-bar indicator, the Sync page."""
