"""Hexikit sync (installed as hexikit.sync): protocol, outbox sender, reference server. No Qt."""
