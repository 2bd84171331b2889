"""The tables behind keyword search and the in-memory catalogue index."""

import secrets

from django.contrib.postgres.search import SearchVectorField
from django.db import connections, models, router

from .case_study import CaseStudy


class SearchDocument(models.Model):
    """A case study's full-text index entry on PostgreSQL, in a narrow table of its own.

    A database trigger keeps it up to date (migrations/0008); on SQLite it stays empty. Kept apart from the wide
    case study rows so that a keyword matching nearly every case study is answered from a small heap, and ranked
    by the short ``rank_vector`` instead of detoasting every full vector.
    """

    case_study = models.OneToOneField(
        CaseStudy, on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    published_at = models.DateTimeField(null=True)
    # Title (A), summary and lead council (B): what relevance is ranked on.
    rank_vector = SearchVectorField(null=True)
    # The same plus the template sections and partners (C): what a keyword must match. GIN-indexed.
    full_vector = SearchVectorField(null=True)

    def __str__(self) -> str:
        return f"Search entry for case study {self.pk}"


class SearchWord(models.Model):
    """PostgreSQL's vocabulary for spelling suggestions: each word of the published case studies (``documents``:
    how many contain it) and of the current councils' and topics' names (``names``), with its English stem.

    Database triggers keep the counts (migrations/0009); a trigram index finds the words close to a misspelling.
    On SQLite it stays empty: FTS5's own vocabulary is used there.
    """

    word = models.CharField(max_length=60, primary_key=True)
    documents = models.IntegerField(default=0)
    names = models.IntegerField(default=0)
    stem = models.CharField(max_length=60, default="")

    def __str__(self) -> str:
        return self.word


class CatalogueVersion(models.Model):
    """Version tokens. Row 1 (``CATALOGUE``) changes whenever a table the public catalogue is built from changes:
    database triggers write it (migrations/0008), so every way of changing the data (admin, services, commands,
    the shell, tests) is seen; app servers compare it with the token of their in-memory index
    (casestudies/catalogue.py) at a cost of one primary-key lookup per request. Row 2 (``PAGES``) changes when
    something else shown on public pages changes (``new_page_version()``: synonyms, files): the page cache's key
    holds both (``page_version()``).
    """

    CATALOGUE, PAGES = 1, 2

    token = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return str(self.token)


def version_tokens(using: str) -> dict[int, int]:
    """Both version tokens by row id. Read on every public request, so written as SQL: compiling the ORM's query
    took longer than running it."""
    table = connections[using].ops.quote_name(CatalogueVersion._meta.db_table)
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT id, token FROM {table} WHERE id IN (1, 2)")  # CATALOGUE, PAGES
        return dict(cursor.fetchall())


def page_version() -> str:
    """The content version of the page cache: both tokens, read from the database every time (so that a change
    made by any process is seen by every process at once, whatever cache each has)."""
    tokens = version_tokens(router.db_for_read(CatalogueVersion))
    return f"{tokens.get(CatalogueVersion.CATALOGUE, 0)}.{tokens.get(CatalogueVersion.PAGES, 0)}"


def new_page_version() -> None:
    CatalogueVersion.objects.update_or_create(
        pk=CatalogueVersion.PAGES, defaults={"token": secrets.randbelow(2**53 - 1) + 1}
    )
