"""Print-ready card sheets (blank, personal, event) and the label-sheet templates they print on."""
