"""The public read side: which case studies a search gives, counted, faceted and paged.

``filters`` (one FilterSet, built from ``params``, ``groups``, ``results`` and ``describe``) turns a query string into
a search over the in-memory ``index``; ``context`` binds a search to its page; ``selectors`` are the other reads.
"""
