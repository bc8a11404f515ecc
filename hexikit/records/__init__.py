"""Offers, requests and participants: the domain rules, recording, corrections, CSV/JSON exchange, drafts."""
