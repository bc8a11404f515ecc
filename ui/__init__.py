"""Hexikit Qt user interface (installed as hexikit.ui): thin widgets over the core."""
