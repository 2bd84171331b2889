"""Data in and out in bulk: the JSON import/export format, loading the reference and demo data from fixtures/,
and synthetic case studies for load tests."""
