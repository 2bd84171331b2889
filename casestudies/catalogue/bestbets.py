"""Best bets: the published case studies editors pin for a query, shown first on its results.

Every best bet is held per process with its cards, until the catalogue token (a case study changed) or the page
token (a best bet or a synonym group changed: database triggers, migrations 0014 and 0016) differs from those the
request's catalogue index read; so a keyword search usually reads nothing for them, and at worst two queries once
per version. A pick is shown only while its case study is public (its position in the current index), within the
page's topic or council and the filters chosen, so it drops out by itself when unpublished.

A best bet is looked up by the search's folded words (``search.query.key_of``: capitals, plurals and British/US
spellings do not matter); one that applies to its synonyms is also found when the whole query is one term whose
synonyms include the best bet's query.
"""

import threading
from dataclasses import dataclass

from django.utils import translation

from casestudies.models import BestBetPick, normalise_query
from casestudies.search.query import SYNONYM, key_of, words_of

from . import index
from .cards import Card, cards


@dataclass(frozen=True)
class Held:
    exact: dict[str, list[Card]]  # by the folded words of the query
    with_synonyms: dict[str, list[Card]]  # the same, for the best bets that also apply to synonyms


def lookup_key(text: str) -> str:
    return key_of(words_of(normalise_query(text)))


def _build(using: str, catalogue: index.Catalogue) -> Held:
    picks: dict[int, tuple[str, bool, list[int]]] = {}
    rows = (
        BestBetPick.objects.using(using)
        .order_by("best_bet_id", "order", "pk")
        .values_list("best_bet_id", "best_bet__query", "best_bet__include_synonyms", "case_study_id")
    )
    for bet_id, query, include_synonyms, case_study_id in rows:
        picks.setdefault(bet_id, (query, include_synonyms, []))[2].append(case_study_id)
    ids = sorted({pk for *_, chosen in picks.values() for pk in chosen})
    found = {card.pk: card for card in cards(ids, catalogue=catalogue)}
    exact: dict[str, list[Card]] = {}
    with_synonyms: dict[str, list[Card]] = {}
    for query, include_synonyms, chosen_ids in picks.values():
        chosen = [found[pk] for pk in chosen_ids if pk in found]
        key = lookup_key(query)
        if chosen and key:
            exact[key] = chosen
            if include_synonyms:
                with_synonyms[key] = chosen
    return Held(exact=exact, with_synonyms=with_synonyms)


# Per database alias and language (a Welsh page's cards carry the Welsh titles): the version tokens and the catalogue index the best bets were read with, and what was read.
# (A new index object also comes when a scheduled publication time passes: its case study may be a pick.)
_lock = threading.Lock()
_held: dict[tuple[str, str], tuple[tuple, index.Catalogue, Held]] = {}


def held(using: str, catalogue: index.Catalogue) -> Held:
    """The best bets for the tokens this thread's request read (read again only when they differ)."""
    tokens = index.tokens_read()
    key = (using, translation.get_language() or "")
    kept = _held.get(key)
    if kept is not None and tokens is not None and kept[0] == tokens and kept[1] is catalogue:
        return kept[2]
    value = _build(using, catalogue)
    if tokens is not None and tokens[0] == catalogue.token:
        with _lock:
            _held[key] = (tokens, catalogue, value)
    return value


def forget() -> None:
    with _lock:
        _held.clear()


def for_search(filterset) -> list[Card]:
    """The cards pinned for ``filterset``'s keyword that are public and within its other filters, in order."""
    if not filterset.keyword:
        return []
    bets = held(filterset.queryset.db, filterset.index)
    key = lookup_key(filterset.keyword)
    chosen = bets.exact.get(key)
    if chosen is None and bets.with_synonyms:
        chosen = _through_synonym(filterset, bets.with_synonyms)
    if not chosen:
        return []
    catalogue = filterset.index
    scope = filterset.mask(keyword=False)
    shown = []
    for card in chosen:
        position = catalogue.position_of(card.pk)
        if position >= 0 and scope >> position & 1:
            shown.append(card)
    return shown


def _through_synonym(filterset, with_synonyms: dict[str, list[Card]]) -> list[Card] | None:
    """A best bet for one of the synonyms of a query that is a single term (one clause)."""
    clauses = filterset.searched_plan().query.positive
    if len(clauses) != 1:
        return None
    for term in clauses[0].alternatives:
        if term.kind == SYNONYM:
            chosen = with_synonyms.get(key_of(term.words))
            if chosen:
                return chosen
    return None
