"""The room web app in the window: its controller, its join scene, the Capture page bar."""
