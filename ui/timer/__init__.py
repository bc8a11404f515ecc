"""Timer mode: the controller over the core engine, the page, the projector scene, the bells."""
