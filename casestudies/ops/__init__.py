"""Running the site: page cache, rate limits, middleware, the database router, health checks and mail sending.

Nothing here knows about case studies; every other package may use it.
"""
