"""The rehearsal coach: per-slide timing of practice runs, kept across restarts."""
