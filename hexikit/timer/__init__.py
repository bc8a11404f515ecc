"""The 1-2-4-All timer: the engine (time injected), its plans and how a room splits."""
