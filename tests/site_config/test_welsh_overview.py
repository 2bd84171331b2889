"""The map, the insights page, councils like this one, the impact, cost and evidence wording and the notes about a
search in Welsh under /cy/ (issue 23): exact Welsh, counted messages right for 0, 1, 2, 3, 6, 8, 11 and 20, and the
English pages as they were."""

from datetime import date

import pytest
from django.utils import translation

from casestudies.catalogue.overview import case_studies
from casestudies.catalogue.params import COST_CHOICES, EVIDENCE_CHOICES, HAS_CHOICES, STAGE_CHOICES
from casestudies.public.charts import BarItem, draw_bars
from casestudies.public.chartwords import and_list, starts_with_a_vowel
from tests.casestudies.overview_helpers import SVG, svgs
from tests.casestudies.public.test_insights import library_page  # noqa: F401 (a fixture)
from tests.casestudies.public.test_map import uk  # noqa: F401 (a fixture)
from tests.factories import make_case_study, make_council, make_topic
from tests.pages import count_text, notes, page

pytestmark = pytest.mark.django_db

TABLE = " Mae’r un niferoedd yn y tabl o dan y siart."


def head_title(doc) -> str:
    return doc.find("head").find("title").text


def descriptions(response) -> dict[str, str]:
    """Each chart's ``<desc>``, by the chart's title."""
    return {svg.find(f"{SVG}title").text: svg.find(f"{SVG}desc").text for svg in svgs(response.content)}


def mark_names(svg) -> list[str]:
    return [element.get("aria-label") for element in svg.iter() if element.get("aria-label")]


# --- Counting: the words for 0, 1, 2, 3, 6, 8, 11 and 20 --------------------------------------------------------

CASE_STUDIES = {
    0: "dim astudiaethau achos",
    1: "1 astudiaeth achos",
    2: "2 astudiaeth achos",
    3: "3 astudiaeth achos",
    6: "6 astudiaeth achos",
    8: "8 o astudiaethau achos",
    11: "11 o astudiaethau achos",
    20: "20 o astudiaethau achos",
}
BARS = {
    2: "2 far, un ar gyfer pob blwyddyn.",
    3: "3 bar, un ar gyfer pob blwyddyn.",
    6: "6 bar, un ar gyfer pob blwyddyn.",
    8: "8 o farrau, un ar gyfer pob blwyddyn.",
    11: "11 o farrau, un ar gyfer pob blwyddyn.",
    20: "20 o farrau, un ar gyfer pob blwyddyn.",
}


@pytest.mark.parametrize("n", [0, 1, 2, 3, 6, 8, 11, 20])
def test_case_studies_in_words_take_the_numbers_form(n):
    with translation.override("cy"):
        assert case_studies(n) == CASE_STUDIES[n]
    with translation.override("en-gb"):
        assert case_studies(n) == (
            "no case studies" if n == 0 else f"{n} case stud{'y' if n == 1 else 'ies'}"
        )


@pytest.mark.parametrize("n", [2, 3, 6, 8, 11, 20])
def test_a_bar_chart_counts_its_bars_in_welsh(n):
    with translation.override("cy"):
        items = [BarItem(str(2000 + year), 1, "1", "/", case_studies(1)) for year in range(n)]
        description = draw_bars(items, unit=("year", "years")).description
    every = (
        "Mae gan y ddwy flynedd 1 astudiaeth achos yr un."
        if n == 2
        else "Mae gan bob blwyddyn 1 astudiaeth achos."
    )
    assert description == f"{BARS[n]} {every}{TABLE}"


def test_a_bar_chart_with_one_bar_in_welsh():
    with translation.override("cy"):
        items = [BarItem("Wigan", 8, "8", "/", case_studies(8))]
        assert draw_bars(items, unit=("council", "councils")).description == (
            "Un bar, ar gyfer yr unig gyngor, Wigan: 8 o astudiaethau achos." + TABLE
        )


def test_both_and_every_in_welsh_follow_the_nouns_gender():
    def said(unit, labels):
        with translation.override("cy"):
            items = [BarItem(label, 3, "3", "/", case_studies(3)) for label in labels]
            return draw_bars(items, unit=unit).description.split(". ", 1)[1]

    assert (
        said(("year", "years"), ["2019", "2020"])
        == "Mae gan y ddwy flynedd 3 astudiaeth achos yr un." + TABLE
    )
    assert said(("council", "councils"), ["Wigan", "Leeds"]) == (
        "Mae gan y ddau gyngor 3 astudiaeth achos yr un." + TABLE
    )
    assert said(("kind of support", "kinds of support"), ["Grant", "Advice"]) == (
        "Mae gan y ddau fath o gymorth 3 astudiaeth achos yr un." + TABLE
    )
    assert said(("topic", "topics"), ["Housing", "Digital", "Waste"]) == (
        "Mae gan bob pwnc 3 astudiaeth achos." + TABLE
    )


def test_ties_are_named_with_and_or_ac_before_a_vowel():
    with translation.override("cy"):
        assert and_list(["2019", "2020"]) == "2019 a 2020"
        assert and_list(["Wigan", "Leeds", "Anglesey"]) == "Wigan, Leeds ac Anglesey"
        assert and_list(["2019", "1 arall"]) == "2019 ac 1 arall"
        assert and_list(["2019", "8 arall"]) == "2019 ac 8 arall"
        assert and_list(["2019", "5 arall"]) == "2019 a 5 arall"
    with translation.override("en-gb"):
        assert and_list(["Wigan", "Leeds", "Anglesey"]) == "Wigan, Leeds and Anglesey"
    assert [
        starts_with_a_vowel(text)
        for text in ("11 arall", "18 arall", "85 arall", "2021", "Anglesey", "Yorkshire")
    ] == [
        True,
        False,
        True,
        False,
        True,
        False,
    ]


def test_ties_in_welsh_name_three_and_count_the_others():
    counts = [(str(year), 1) for year in range(2015, 2021)] + [("2021", 5)]
    with translation.override("cy"):
        items = [BarItem(year, n, str(n), "/", case_studies(n)) for year, n in counts]
        description = draw_bars(items, unit=("year", "years")).description
    assert description == (
        "7 o farrau, un ar gyfer pob blwyddyn. Uchaf: 2021: 5 o astudiaethau achos. "
        "Isaf: 2015, 2016, 2017 a 3 arall: 1 astudiaeth achos yr un." + TABLE
    )


# --- The map --------------------------------------------------------------------------------------------------------


@pytest.mark.usefixtures("uk")
def test_the_map_page_in_welsh(client):
    response = client.get("/cy/case-studies/map/")
    doc = page(response)

    assert head_title(doc) == "Map o astudiaethau achos – Llyfrgell Astudiaethau Achos Cynghorau"
    assert doc.find("meta", name="description")["content"] == (
        "Ble mae’r cynghorau y tu ôl i 6 astudiaeth achos am arloesi gan gynghorau, ar fap o’r DU, gyda’r un "
        "hidlwyr â’r rhestr."
    )
    assert [li.text for li in doc.find("nav", class_="breadcrumbs").find_all("li")] == [
        "Astudiaethau achos",
        "Map",
    ]
    assert doc.find("h1").text == "Astudiaethau achos ar fap"
    assert count_text(doc) == "Mae 6 chanlyniad gan 4 o gynghorau"
    caption = doc.find("figcaption", class_="map__caption")
    assert [p.text for p in caption.find_all("p")] == [
        "Nid oes lleoliad yn nata’r cynghorau ar gyfer 1 cyngor, felly mae yn y tabl yn unig.",
        "Lleoliadau cynghorau: mySociety, “UK Local Authority Names and Codes”, dan drwydded CC BY 4.0; wedi’u "
        "lluniadu ar Grid Cenedlaethol Prydain.",
    ]
    assert caption.find("span", lang="en").text == "“UK Local Authority Names and Codes”"

    section = doc.find("section", id="council-table")
    assert section.find("h2").text == "Y map fel tabl"
    assert section.find("caption").text == (
        "Cynghorau sy’n arwain astudiaethau achos sy’n cyfateb i’ch chwiliad, y nifer fwyaf o astudiaethau achos "
        "yn gyntaf. Dewiswch bennawd colofn i drefnu yn ôl y golofn honno."
    )
    assert [th.text for th in section.find("thead").find_all("th")] == [
        "Cyngor: trefnu yn ôl enw",
        "Rhanbarth: trefnu yn ôl rhanbarth",
        "Math o gyngor",
        "Astudiaethau achos: trefnu yn ôl nifer, y mwyaf yn gyntaf",
    ]
    rows = section.find("tbody").find_all("tr")
    assert rows[0].find("td", class_="num").text == "3 astudiaeth achos gan Kirklees"
    assert rows[2].find("th").text == "Old Shire (nid ar y map)"


@pytest.mark.usefixtures("uk")
def test_the_map_drawing_in_welsh(client):
    svg = svgs(client.get("/cy/case-studies/map/").content)[0]

    assert svg.find(f"{SVG}title").text == (
        "Map o gynghorau’r DU a’r astudiaethau achos y mae eich chwiliad yn dod o hyd iddynt"
    )
    assert svg.find(f"{SVG}desc").text == (
        "Mae 3 chyngor wedi’u marcio â chylchoedd; mae arwynebedd pob cylch yn gymesur â nifer yr astudiaethau "
        "achos a arweiniodd y cyngor, o 1 i 3 (y nifer fwyaf: Kirklees). Mae dotiau gwan yn dangos 2 gyngor "
        "presennol arall. Cynghorau ag astudiaethau achos ond heb leoliad yn y data: 1, yn y tabl. Mae’r un "
        "niferoedd yn y tabl o dan y map."
    )
    assert mark_names(svg) == [
        "Kirklees: 3 astudiaeth achos",
        "Cornwall: 1 astudiaeth achos",
        "Shetland Islands: 1 astudiaeth achos",
    ]
    legend = svg.find(f"{SVG}g[@class='map__legend']")
    assert [text.text for text in legend.iter(f"{SVG}text")] == [
        "3 astudiaeth achos",
        "2 astudiaeth achos",
        "1 astudiaeth achos",
    ]


@pytest.mark.usefixtures("uk")
def test_the_map_with_one_council_and_nothing_found_in_welsh(client):
    one = svgs(client.get("/cy/case-studies/map/?council=KIR").content)[0]
    none = client.get("/cy/case-studies/map/?q=zeppelin")

    assert one.find(f"{SVG}desc").text.startswith(
        "Mae un cyngor wedi’i farcio â chylch: Kirklees: 3 astudiaeth achos. Mae dotiau gwan yn dangos 4 o "
        "gynghorau presennol eraill."
    )
    assert (
        svgs(none.content)[0]
        .find(f"{SVG}desc")
        .text.startswith("Does dim cyngor ar y map ag astudiaeth achos sy’n cyfateb i’ch chwiliad.")
    )
    doc = page(none)
    assert count_text(doc) == "Canlyniadau eich chwiliad: 0 gan 0 cyngor"
    assert doc.find("section", id="council-table").find("p").text == (
        "Does gan yr un cyngor astudiaeth achos sy’n cyfateb i’ch chwiliad. Dangos pob astudiaeth achos ar y map."
    )


@pytest.mark.usefixtures("uk")
def test_the_map_table_order_note_in_welsh(client):
    doc = page(client.get("/cy/case-studies/map/?order=tallest"))

    assert notes(doc) == ["Gwnaethom anwybyddu trefn y tabl a ofynnwyd amdani am nad ydym yn ei hadnabod."]


@pytest.mark.usefixtures("uk")
def test_the_english_map_page_is_unchanged(client):
    response = client.get("/case-studies/map/")
    doc = page(response)

    assert head_title(doc).startswith("Map of case studies – ")
    assert doc.find("h1").text == "Case studies on a map"
    assert count_text(doc) == "There are 6 results from 4 councils"
    section = doc.find("section", id="council-table")
    assert section.find("h2").text == "The map as a table"
    assert [th.text for th in section.find("thead").find_all("th")] == [
        "Council: sort by name",
        "Region: sort by region",
        "Type of council",
        "Case studies: sort by number, most first",
    ]
    svg = svgs(response.content)[0]
    assert svg.find(f"{SVG}title").text == "Map of the UK’s councils and the case studies your search finds"
    assert svg.find(f"{SVG}desc").text == (
        "3 councils are marked with circles whose areas are in proportion to the number of case studies each led, "
        "from 1 to 3 (most: Kirklees). Faint dots mark the other 2 current councils. Councils with case studies "
        "but no location in the data: 1, in the table. The same numbers are in the table below the map."
    )


# --- The insights page ---------------------------------------------------------------------------------------------

WELSH_TITLES = [
    "Astudiaethau achos yn ôl pwnc a rhanbarth",
    "Astudiaethau achos yn ôl blwyddyn cyhoeddi",
    "Cynghorau â’r nifer fwyaf o astudiaethau achos",
    "Cyfran yr astudiaethau achos yn ôl y cymorth a gafwyd",
    "Astudiaethau achos yn ôl pwnc a lefel y dystiolaeth",
    "Arbedion neu incwm bob blwyddyn a nodwyd, yn ôl pwnc",
    "Arbedion neu incwm bob blwyddyn a nodwyd, yn ôl blwyddyn cyhoeddi",
]


@pytest.mark.usefixtures("library_page")
def test_the_insights_page_in_welsh(client):
    doc = page(client.get("/cy/insights/"))

    assert head_title(doc) == "Dadansoddiad – Llyfrgell Astudiaethau Achos Cynghorau"
    assert doc.find("meta", name="description")["content"] == (
        "3 astudiaeth achos am arloesi gan gynghorau, wedi’u cyfrif yn ôl pwnc a rhanbarth, yn ôl blwyddyn, yn ôl "
        "cyngor ac yn ôl y cymorth a gafodd cynghorau."
    )
    assert doc.find("h1").text == "Dadansoddiad"
    assert count_text(doc) == "Mae 3 chanlyniad gan 2 gyngor"
    assert [section.find("h2").text for section in doc.find_all("section", class_="insight")] == [
        "Pynciau yn ôl rhanbarth",
        "Yn ôl blwyddyn cyhoeddi",
        "Cynghorau â’r nifer fwyaf o astudiaethau achos",
        "Cymorth a gafwyd",
        "Cryfder y dystiolaeth yn ôl pwnc",
        "Arbedion neu incwm a nodwyd",
    ]
    assert [summary.text for summary in doc.find_all("summary") if "niferoedd" in summary.text] == [
        "Y niferoedd fel tabl"
    ] * 7
    councils = doc.find("section", class_="insight", **{"aria-labelledby": "councils-heading"})
    assert councils.find("p").text == (
        "2 o’r 2 gyngor ag astudiaethau achos sy’n cyfateb, y nifer fwyaf yn gyntaf. Pob cyngor ar y map."
    )
    heat = doc.find("section", class_="insight", **{"aria-labelledby": "heat-heading"})
    assert heat.find("caption").text == "Astudiaethau achos yn ôl pwnc (rhesi) a rhanbarth (colofnau)"
    assert heat.find("tfoot").find("th").text == "Pob pwnc"


@pytest.mark.usefixtures("library_page")
def test_the_insights_charts_in_welsh(client):
    response = client.get("/cy/insights/")
    found = descriptions(response)

    assert list(found) == WELSH_TITLES
    assert found[WELSH_TITLES[0]] == (
        "2 bwnc (rhesi) wrth 12 o ranbarthau (colofnau); mae pob sgwâr yn dangos faint o astudiaethau achos sydd "
        "â’r pwnc ac sy’n dod o gyngor yn y rhanbarth, yn dywyllach am fwy. Uchaf: Housing, Gogledd-orllewin Lloegr: 2 "
        "astudiaeth achos. Sgwariau heb ddim: 21." + TABLE
    )
    assert found[WELSH_TITLES[1]] == (
        "3 bar, un ar gyfer pob blwyddyn. Uchaf: 2023: 2 astudiaeth achos. Isaf: 2022: dim astudiaethau achos."
        + TABLE
    )
    assert found[WELSH_TITLES[2]] == (
        "2 far, un ar gyfer pob cyngor. Uchaf: Wigan: 2 astudiaeth achos. Isaf: Cardiff: 1 astudiaeth achos."
        + TABLE
    )
    assert found[WELSH_TITLES[3]] == (
        "2 far, un ar gyfer pob math o gymorth. Uchaf: Grant: 67% (2 astudiaeth achos). Isaf: Advice: 0% (dim "
        "astudiaethau achos)." + TABLE
    )
    assert found[WELSH_TITLES[4]] == (
        "2 bwnc (rhesi) wrth 6 lefel tystiolaeth (colofnau); mae pob sgwâr yn dangos faint o astudiaethau achos "
        "sydd â’r pwnc a’r lefel honno o dystiolaeth (y golofn olaf: dim lefel wedi’i nodi), yn dywyllach am fwy. "
        "Uchaf: Housing (lefel 3), Housing (lefel 4), Digital (lefel 4) ac 1 arall: 1 astudiaeth achos yr un. "
        "Sgwariau heb ddim: 8." + TABLE
    )
    assert found[WELSH_TITLES[6]] == (
        "3 bar, un ar gyfer pob blwyddyn. Uchaf: 2023: £1.5m bob blwyddyn, yn ôl 1 astudiaeth achos. Isaf: 2022: "
        "dim arbedion wedi’u nodi." + TABLE
    )
    heat, evidence = svgs(response.content)[0], svgs(response.content)[4]
    assert mark_names(heat)[:2] == [
        "Housing, Gogledd-ddwyrain Lloegr: dim astudiaethau achos",
        "Housing, Gogledd-orllewin Lloegr: 2 astudiaeth achos",
    ]
    assert mark_names(evidence)[2] == "Housing (lefel 3): 1 astudiaeth achos"
    assert mark_names(evidence)[5] == "Housing (heb ei nodi): dim astudiaethau achos"


def test_every_year_equal_in_welsh(client):
    housing = make_topic("Housing", slug="housing")
    for year in (2019, 2020, 2021):
        for name in ("Wigan", "Leeds"):
            make_case_study(
                council=make_council(f"{name} {year}"),
                topics=[housing],
                published_at=date(year, 6, 1).isoformat() + "T12:00:00Z",
            )

    found = descriptions(client.get("/cy/insights/"))

    assert (
        found[WELSH_TITLES[1]]
        == "3 bar, un ar gyfer pob blwyddyn. Mae gan bob blwyddyn 2 astudiaeth achos." + TABLE
    )
    assert (
        found[WELSH_TITLES[2]]
        == "6 bar, un ar gyfer pob cyngor. Mae gan bob cyngor 1 astudiaeth achos." + TABLE
    )


@pytest.mark.usefixtures("library_page")
def test_the_evidence_and_savings_sections_in_welsh(client):
    doc = page(client.get("/cy/insights/"))

    evidence = doc.find("section", class_="insight", **{"aria-labelledby": "evidence-heading"})
    assert [th.text for th in evidence.find("thead").find_all("th")] == [
        "Pwnc",
        "Lefel 1",
        "Lefel 2",
        "Lefel 3",
        "Lefel 4",
        "Lefel 5",
        "Heb ei nodi",
        "Pob lefel",
    ]
    assert evidence.find("tfoot").find("th").text == "Yr holl astudiaethau achos hyn, pob un unwaith"
    assert evidence.find("h3").text == "Beth mae’r lefelau’n ei olygu"
    scale = evidence.find("dl", class_="evidence-scale")
    assert [dt.text for dt in scale.find_all("dt")] == [
        "Lefel 1: wedi’i ddisgrifio",
        "Lefel 2: newid wedi’i fesur",
        "Lefel 3: wedi’i gymharu â dim newid",
        "Lefel 4: wedi’i werthuso’n annibynnol",
        "Lefel 5: wedi’i ailadrodd mewn man arall",
        "Heb ei nodi",
    ]
    assert scale.find_all("dd")[0].text == (
        "Gallwn ddweud beth wnaethom ni, pam, a sut roeddem yn disgwyl iddo wneud gwahaniaeth."
    )

    savings = doc.find("section", class_="insight", **{"aria-labelledby": "savings-heading"})
    assert savings.find("h2").text == "Arbedion neu incwm a nodwyd"
    assert savings.find("p", class_="insight__warning").find("strong").text == (
        "Ffigurau’r cynghorau eu hunain yw’r rhain."
    )
    assert savings.find_all("p")[1].text.startswith(
        "Gyda’i gilydd £1.6m bob blwyddyn, wedi’u nodi gan 2 astudiaeth achos o’r 3 sy’n cyfateb (pob un wedi’i "
        "chyfrif unwaith)."
    )
    assert [th.text for th in savings.find_all("thead")[0].find_all("th")] == [
        "Pwnc",
        "Arbedion neu incwm bob blwyddyn",
        "Astudiaethau achos sy’n nodi ffigur",
    ]


@pytest.mark.usefixtures("library_page")
def test_nothing_to_count_in_welsh(client):
    doc = page(client.get("/cy/insights/?q=zeppelin"))

    empty = doc.find("div", class_="empty")
    assert empty.find("h2").text == "Does dim astudiaethau achos yn cyfateb i’ch chwiliad"
    assert empty.find("p").text == "Does dim i’w gyfrif. Gweld dadansoddiad o bob astudiaeth achos."


# --- Councils like this one ------------------------------------------------------------------------------------------


@pytest.mark.usefixtures("uk")
def test_similar_councils_in_welsh(client):
    make_council(
        "Calderdale",
        code="CLD",
        region="Yorkshire and The Humber",
        authority_type="Metropolitan district",
        latitude=53.72,
        longitude=-1.96,
    )

    welsh = page(client.get("/cy/councils/KIR/")).find("section", class_="similar")
    english = page(client.get("/councils/KIR/")).find("section", class_="similar")

    assert welsh.find("p", class_="similar__how").text == (
        "Sut rydym yn ei ddewis: 1 cyngor o’r un math ag y mae Kirklees (Bwrdeistref fetropolitan), yr agosaf ato yn "
        "ôl ei bwynt yn nata’r cynghorau, fel yr hed y frân."
    )
    assert welsh.find("ol").find("span").text == "17 km i ffwrdd · dim astudiaethau achos"
    assert welsh.find_all("p")[-1].text == (
        "Nid oes gan yr un o’r cynghorau hyn astudiaeth achos ar bynciau Kirklees eto."
    )
    assert english.find("p", class_="similar__how").text == (
        "How we choose them: the 1 council of the same type as Kirklees (Metropolitan borough) whose points in "
        "the council data are nearest to its own, as the crow flies."
    )
    assert english.find("ol").find("span").text == "17 km away · no case studies"


# --- Impact, cost and evidence: At a glance, the cards, the filters --------------------------------------------------


@pytest.fixture
def warm_homes():
    return make_case_study(
        "Warm homes",
        slug="warm-homes",
        topics=[make_topic("Housing", slug="housing")],
        cost_band="10k_50k",
        cost_amount=38000,
        cost_covers="Two surveyors for a year",
        savings_per_year=120000,
        savings_method="Fewer call-outs",
        evidence_level_claimed=4,
        evidence_level_confirmed=2,
        stage="stopped",
        start_year=2019,
        end_year=2022,
        stopped_reason="The grant ended.",
        last_reviewed=date(2025, 3, 5),
        evaluation_url="https://example.org/evaluation",
    )


def glance_rows(doc) -> list[tuple[str, str]]:
    glance = doc.find("section", class_="glance")
    return [
        (div.find("dt").text, div.find("dd").text) for div in glance.find_all("div", class_="glance__item")
    ]


def test_at_a_glance_in_welsh(client, warm_homes):
    doc = page(client.get("/cy/case-studies/warm-homes/"))

    assert glance_rows(doc) == [
        ("Cost", "£10,000 i £50,000 (£38,000 yn union) Beth mae’n ei gynnwys: Two surveyors for a year"),
        (
            "Arbedion neu incwm bob blwyddyn",
            "£120,000 Sut y cafodd ei gyfrifo: Fewer call-outs Ffigur a roddwyd gan y cyngor.",
        ),
        (
            "Lefel y dystiolaeth",
            "Lefel 2: newid wedi’i fesur Gwnaethom gasglu data sy’n dangos bod pethau wedi newid ar ôl i ni "
            "ddechrau, ond ni allwn ddweud eto mai’r hyn a wnaethom a achosodd y newid. Wedi’i gadarnhau gan "
            "olygydd, a’i newidiodd o asesiad y cyngor ei hun (Lefel 4: wedi’i werthuso’n annibynnol).",
        ),
        ("Cam", "Wedi dod i ben (2019 i 2022) Pam y daeth i ben: The grant ended."),
        ("Adolygwyd ddiwethaf", "5 Mawrth 2025"),
        ("Gwerthusiad", glance_rows(doc)[5][1]),
    ]
    assert glance_rows(doc)[5][1] == "Adroddiad gwerthuso (ar wefan arall)"


def test_at_a_glance_with_nothing_stated_in_welsh(client):
    make_case_study("Plain", slug="plain", topics=[make_topic("Housing", slug="housing")])

    doc = page(client.get("/cy/case-studies/plain/"))

    assert [answer for _, answer in glance_rows(doc)] == ["Heb ei nodi"] * 5


@pytest.mark.parametrize(
    ("claimed", "confirmed", "stage", "start", "end", "said"),
    [
        (
            3,
            None,
            "pilot",
            2021,
            None,
            ("Asesiad y cyngor ei hun; nid yw golygydd wedi’i gadarnhau eto.", "Cynllun peilot (ers 2021)"),
        ),
        (3, 3, "stopped", 2021, None, ("Wedi’i gadarnhau gan olygydd.", "Wedi dod i ben (o 2021)")),
        (None, 5, "embedded", None, 2022, ("Wedi’i gadarnhau gan olygydd.", "Wedi’i wreiddio (tan 2022)")),
    ],
)
def test_who_assessed_the_level_and_the_years_in_welsh(client, claimed, confirmed, stage, start, end, said):
    make_case_study(
        "Years",
        slug="years",
        evidence_level_claimed=claimed,
        evidence_level_confirmed=confirmed,
        stage=stage,
        start_year=start,
        end_year=end,
    )

    rows = dict(glance_rows(page(client.get("/cy/case-studies/years/"))))

    assert rows["Lefel y dystiolaeth"].endswith(said[0])
    assert rows["Cam"] == said[1]


def test_the_card_glance_line_in_welsh(client, warm_homes):
    welsh = page(client.get("/cy/case-studies/")).find("p", class_="card__glance").text
    english = page(client.get("/case-studies/")).find("p", class_="card__glance").text

    assert welsh == "Cost: £10,000 i £50,000 · Tystiolaeth lefel 2: newid wedi’i fesur · Cam: Wedi dod i ben"
    assert english == "Cost: £10,000 to £50,000 · Evidence level 2: measured change · Stage: Stopped"


def test_the_evidence_cost_and_stage_options_in_welsh():
    with translation.override("cy"):
        assert [str(label) for _, label in EVIDENCE_CHOICES] == [
            "Lefel 1: wedi’i ddisgrifio neu uwch",
            "Lefel 2: newid wedi’i fesur neu uwch",
            "Lefel 3: wedi’i gymharu â dim newid neu uwch",
            "Lefel 4: wedi’i werthuso’n annibynnol neu uwch",
            "Lefel 5: wedi’i ailadrodd mewn man arall",
        ]
        assert [str(label) for _, label in COST_CHOICES] == [
            "Llai na £10,000",
            "£10,000 i £50,000",
            "£50,000 i £250,000",
            "£250,000 i £1 miliwn",
            "Dros £1 miliwn",
            "Heb ei nodi",
        ]
        assert [str(label) for _, label in STAGE_CHOICES] == [
            "Syniad",
            "Cynllun peilot",
            "Wedi’i gyflwyno’n ehangach",
            "Wedi’i wreiddio",
            "Wedi dod i ben",
        ]
        assert [str(label) for _, label in HAS_CHOICES] == ["Deilliannau wedi’u mesur", "Arbedion neu incwm"]
    with translation.override("en-gb"):
        assert str(EVIDENCE_CHOICES[0][1]) == "Level 1: described or higher"
        assert str(COST_CHOICES[-1][1]) == "Not stated"


def test_the_evidence_filter_on_the_welsh_list(client, warm_homes):
    doc = page(client.get("/cy/case-studies/"))

    group = doc.find("fieldset", id="filter-evidence")
    assert group.find_all("label")[0].text.startswith("Unrhyw lefel, neu heb ei nodi (")


# --- Notes about the search, and the active-filter tags -----------------------------------------------------------


def test_notes_about_ignored_values_in_welsh(client, warm_homes):
    doc = page(
        client.get("/cy/case-studies/?topic=zzz&cost=dear&evidence=9&stage=gone&year_from=2024&year_to=2020")
    )

    assert notes(doc) == [
        "Gwnaethom anwybyddu’r pwnc “zzz” am nad ydym yn ei adnabod.",
        "Gwnaethom anwybyddu’r lefel tystiolaeth “9” am nad ydym yn ei hadnabod.",
        "Gwnaethom anwybyddu’r gost “dear” am nad ydym yn ei hadnabod.",
        "Gwnaethom anwybyddu’r cam “gone” am nad ydym yn ei adnabod.",
        "Gwnaethom gyfnewid y blynyddoedd fel bod yr ystod yn rhedeg o 2020 i 2024.",
    ]


def test_active_filter_tags_in_welsh(client, warm_homes):
    doc = page(client.get("/cy/case-studies/?q=homes&cost=10k_50k&year_from=2020&year_to=2030"))

    tags = [a.text for a in doc.find("div", class_="active-filters").find_all("a", class_="tag")]
    assert tags == [
        "Tynnu’r hidlydd Gair allweddol: “homes” ×",
        "Tynnu’r hidlydd Cost: £10,000 i £50,000 ×",
        "Tynnu’r hidlydd Cyhoeddwyd o: 2020 ×",
        "Tynnu’r hidlydd Cyhoeddwyd hyd at: 2030 ×",
    ]
