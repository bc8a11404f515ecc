"""Report mode: the QI numbers and charts of an event, Save PDF."""
