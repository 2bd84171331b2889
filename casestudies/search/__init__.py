"""Keyword search: one module per database backend behind one interface (``keyword``), and the excerpts and
suggestions shown with the results."""
