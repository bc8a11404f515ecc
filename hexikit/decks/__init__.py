"""Slide decks: the Markdown format, PowerPoint/PDF import, the shared slide layout and the handout PDF."""
