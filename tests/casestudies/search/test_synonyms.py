"""Synonyms: applied when a search runs, counting for less than the words typed, managed by editors in the admin."""

import pytest

from casestudies.models import SynonymGroup
from casestudies.search.keyword import plan
from tests.casestudies.submission_helpers import make_editor
from tests.factories import make_case_study
from tests.pages import card_titles, page

pytestmark = pytest.mark.django_db


@pytest.fixture
def library():
    SynonymGroup.objects.create(terms="AI\nartificial intelligence")
    SynonymGroup.objects.create(terms="EV\nelectric vehicle")
    SynonymGroup.objects.create(terms="SEND\nspecial educational needs and disabilities")
    SynonymGroup.objects.create(terms="e-bike\nebike\nelectric bike")
    make_case_study("Pothole surveys with AI", summary="Cameras on bin lorries.")
    make_case_study("Smarter roads", summary="Artificial intelligence finds potholes early.")
    make_case_study("Said and done", summary="The council said it would maintain every road.")
    make_case_study("Charging streets", summary="Electric vehicles charge from lamp posts.")
    make_case_study(
        "Travel training", summary="Young people with special educational needs and disabilities."
    )
    make_case_study("Cargo deliveries", summary="Electric bikes carry parcels through the walls.")


def titles(client, keyword: str) -> list[str]:
    return card_titles(page(client.get("/case-studies/", {"q": keyword})))


def test_abbreviation_finds_the_spelt_out_term_ranked_below_the_exact_match(client, library):
    assert titles(client, "AI") == ["Pothole surveys with AI", "Smarter roads"]


def test_spelt_out_term_finds_the_abbreviation(client, library):
    assert sorted(titles(client, "artificial intelligence")) == ["Pothole surveys with AI", "Smarter roads"]


def test_a_synonym_counts_for_less_than_the_words_typed_in_the_same_place(client, db):
    SynonymGroup.objects.create(terms="AI\nartificial intelligence")
    make_case_study("Roads A", summary="Our AI model finds potholes.")
    make_case_study("Roads B", summary="Our artificial intelligence model finds potholes.")

    assert titles(client, "artificial intelligence") == ["Roads B", "Roads A"]
    assert titles(client, "AI") == ["Roads A", "Roads B"]


def test_a_synonym_of_several_words_matches_only_as_a_phrase(client, library):
    """ "net zero" must not find a case study because it says "carbon" in one place and "neutral" in another."""
    SynonymGroup.objects.create(terms="net zero\ncarbon neutral")
    make_case_study(
        "Neutral ground", summary="Carbon emissions fell; the hall stayed neutral ground for all."
    )
    make_case_study("Neutral by 2030", summary="The estate will be carbon neutral by 2030.")

    assert titles(client, "net zero") == ["Neutral by 2030"]


def test_a_synonym_of_three_words_or_more_needs_only_most_of_them(client, library):
    """A long term ("special educational needs and disabilities") is searched a word at a time, so a case study with
    three of its four words is found too, below the one with all of them; a two-word term needs both words."""
    make_case_study("School taxis", summary="Children with special educational needs travel by taxi.")

    assert titles(client, "special educational needs and disabilities") == ["Travel training", "School taxis"]
    assert titles(client, "electric vehicle") == ["Charging streets"]


def test_whole_words_only_ai_never_matches_inside_said_or_maintain(client, library):
    SynonymGroup.objects.all().delete()

    assert titles(client, "ai") == ["Pothole surveys with AI"]


@pytest.mark.parametrize(
    ("keyword", "expected"),
    [
        ("EV", ["Charging streets"]),
        ("SEND", ["Travel training"]),
        ("ebikes", ["Cargo deliveries"]),
        ("e-bike", ["Cargo deliveries"]),
        ("special educational needs and disabilities", ["Travel training"]),
    ],
)
def test_synonyms_find_what_people_mean(client, library, keyword, expected):
    assert titles(client, keyword) == expected


def test_synonym_inside_a_longer_query_and_with_other_words(client, library):
    assert titles(client, "electric vehicle charge") == ["Charging streets"]
    assert titles(client, "ev lamp") == ["Charging streets"]
    assert titles(client, "ev -lamp") == []


def test_an_editors_change_applies_to_the_next_search(client, library):
    assert titles(client, "zeppelin") == []
    SynonymGroup.objects.create(terms="zeppelin\ncargo deliveries")

    assert titles(client, "zeppelin") == ["Cargo deliveries"]

    SynonymGroup.objects.filter(terms__startswith="zeppelin").delete()
    assert titles(client, "zeppelin") == []


def test_recognised_synonym_is_not_corrected(library):
    assert plan("ebikes").suggestion is None


def test_synonym_terms_are_highlighted_in_excerpts(client, library):
    response = client.get("/case-studies/", {"q": "AI"})
    marks = [m.text for m in page(response).find_all("mark")]

    assert marks == ["Artificial intelligence"] or marks == ["Artificial", "intelligence"]


# Editors manage the list in the admin


def test_editor_adds_a_synonym_group_in_the_admin_and_it_applies_at_once(client, library):
    client.force_login(make_editor())

    response = client.post(
        "/admin/casestudies/synonymgroup/add/",
        {"terms": "zeppelin\n\n  cargo   deliveries \nZeppelin", "note": "Airships carry parcels"},
    )

    assert response.status_code == 302
    group = SynonymGroup.objects.get(note="Airships carry parcels")
    assert group.terms == "zeppelin\ncargo deliveries"
    client.logout()
    assert titles(client, "zeppelins") == ["Cargo deliveries"]


def test_editor_sees_the_synonym_list(client, library):
    client.force_login(make_editor())

    doc = page(client.get("/admin/casestudies/synonymgroup/"))
    terms = [cell.text for cell in doc.find("table", id="result_list").find_all(class_="field-terms_list")]

    assert sorted(terms) == [
        "AI / artificial intelligence",
        "EV / electric vehicle",
        "SEND / special educational needs and disabilities",
        "e-bike / ebike / electric bike",
    ]


@pytest.mark.parametrize(
    ("terms", "error"),
    [
        ("EV", "A group needs at least two different terms, one per line."),
        ("EV\nev", "A group needs at least two different terms, one per line."),
        ("EV\n!!!", "Each term needs at least one letter or digit."),
    ],
)
def test_admin_refuses_a_group_without_two_terms(client, terms, error):
    client.force_login(make_editor())

    response = client.post("/admin/casestudies/synonymgroup/add/", {"terms": terms, "note": ""})

    assert response.status_code == 200
    assert error in response.content.decode()
    assert SynonymGroup.objects.count() == 0


def test_feeds_and_exports_rank_synonym_matches_below_exact_ones(library):
    """The queryset path (feeds, exports, alerts) ranks like the list (tier + score)."""
    from casestudies.models import CaseStudy
    from casestudies.search.keyword import apply_keyword

    ranked = apply_keyword(CaseStudy.objects.all(), plan("AI"), rank=True).order_by("-rank")

    assert [case_study.title for case_study in ranked] == ["Pothole surveys with AI", "Smarter roads"]
    assert ranked[0].rank > ranked[1].rank


@pytest.mark.django_db
def test_synonym_groups_read_again_only_when_the_page_token_changes(django_assert_num_queries):
    from casestudies.models import CatalogueVersion
    from casestudies.search.synonyms import synonym_index

    def page_token() -> int:
        return CatalogueVersion.objects.get(pk=CatalogueVersion.PAGES).token

    SynonymGroup.objects.create(terms="allotment\ncommunity garden")
    token = page_token()
    synonym_index("default", version=token)
    with django_assert_num_queries(0):
        held = synonym_index("default", version=token)
    SynonymGroup.objects.create(terms="fly-tipping\nillegal dumping")
    new_token = page_token()
    with django_assert_num_queries(1):
        after = synonym_index("default", version=new_token)

    assert new_token != token
    assert "illegal dumping" not in held and "illegal dumping" in after
