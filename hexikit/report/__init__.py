"""The QI report of a Hexithon: its measures, JSON and the PDF."""
