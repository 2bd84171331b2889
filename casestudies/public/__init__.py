"""What residents and officers see: browsing, case study pages, feeds, open data, sitemaps, alerts and their URLs."""
