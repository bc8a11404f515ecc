"""Cards mode: choose, preview, print at actual size, save PDF."""
