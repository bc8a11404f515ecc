"""Who in the room can help whom: offer to request suggestions, ranked and explained."""
