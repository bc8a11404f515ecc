"""Widgets shared by several pages: the tag picker, the event dialog."""
