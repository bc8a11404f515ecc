"""Capture mode: the keyboard-first form, the event's list, the draft keeper, participant dialogs."""
