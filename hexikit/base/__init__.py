"""Foundations every capability shares: clocks, translation, paths, resources, settings, fonts, durations, atomic writes."""
