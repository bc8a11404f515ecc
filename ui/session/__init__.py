"""Session mode: the run sheet driven with one key, the match board, feedback entry."""
