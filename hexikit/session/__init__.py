"""The half hour: the run sheet and its clock, and the room's feedback."""
