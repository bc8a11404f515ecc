"""Present mode: the presenter view on the laptop, the slides on the projector."""
