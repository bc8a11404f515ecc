"""Rehearse: the coach bar and summary, the teleprompter, the notes editor."""
