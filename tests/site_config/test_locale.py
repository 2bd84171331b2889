"""The Welsh catalogue (issue 23): counted messages right for every plural form, and the catalogue complete.

CI (``.ci/run``) installs gettext and sets ``REQUIRE_GETTEXT=1``, so the checks that need ``msgfmt`` or ``xgettext``
run there; elsewhere they are skipped when gettext is not installed.
"""

import gettext
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation
from django.utils.translation import ngettext

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "locale" / "cy" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
# The scripts' messages (static/js/*.js), served by Django's JavaScript catalogue at /cy/jsi18n/.
JS_PO = PO.with_name("djangojs.po")
# Each catalogue: its domain, its .po, and the project folders makemessages reads for it.
CATALOGUES = {
    "django": (PO, ("casestudies", "site_config", "templates")),
    "djangojs": (JS_PO, ("static",)),
}
PLURAL_FORMS = "nplurals=6; plural=(n==0) ? 0 : (n==1) ? 1 : (n==2) ? 2 : (n==3) ? 3 : (n==6) ? 4 : 5;"
COUNTS = (0, 1, 2, 3, 6, 8, 11, 20)


def needs(tool: str) -> None:
    if shutil.which(tool) is None:
        if os.environ.get("REQUIRE_GETTEXT") == "1":
            pytest.fail(f"{tool} (gettext) is not installed, and REQUIRE_GETTEXT=1")
        pytest.skip(f"{tool} (gettext) is not installed")


# --- Counted messages: exact Welsh for 0, 1, 2, 3, 6, 8, 11 and 20 ----------------------------------------------

RESULTS = {
    0: "0 canlyniad",
    1: "1 canlyniad",
    2: "2 ganlyniad",
    3: "3 chanlyniad",
    6: "6 chanlyniad",
    8: "8 o ganlyniadau",
    11: "11 o ganlyniadau",
    20: "20 o ganlyniadau",
}
CASE_STUDIES = {
    0: "0 astudiaeth achos",
    1: "1 astudiaeth achos",
    2: "2 astudiaeth achos",
    3: "3 astudiaeth achos",
    6: "6 astudiaeth achos",
    8: "8 o astudiaethau achos",
    11: "11 o astudiaethau achos",
    20: "20 o astudiaethau achos",
}
COUNCILS = {
    0: "0 cyngor",
    1: "1 cyngor",
    2: "2 gyngor",
    3: "3 chyngor",
    6: "6 chyngor",
    8: "8 o gynghorau",
    11: "11 o gynghorau",
    20: "20 o gynghorau",
}
# (singular msgid, plural msgid, the English for n, the Welsh for n)
COUNTED = [
    (
        "Your search returned <strong>%(counter)s</strong> result",
        "Your search returned <strong>%(counter)s</strong> results",
        lambda n: f"Your search returned <strong>{n}</strong> result{'' if n == 1 else 's'}",
        lambda n: (
            "Canlyniadau eich chwiliad: <strong>0</strong>"
            if n == 0
            else "Daeth eich chwiliad o hyd i <strong>{}</strong> {}".format(n, RESULTS[n].split(" ", 1)[1])
        ),
    ),
    (
        "There is <strong>%(counter)s</strong> result",
        "There are <strong>%(counter)s</strong> results",
        lambda n: f"There {'is' if n == 1 else 'are'} <strong>{n}</strong> result{'' if n == 1 else 's'}",
        lambda n: (
            "Nifer y canlyniadau: <strong>0</strong>"
            if n == 0
            else "Mae <strong>{}</strong> {}".format(n, RESULTS[n].split(" ", 1)[1])
        ),
    ),
    (
        "%(counter)s result",
        "%(counter)s results",
        lambda n: f"{n} result{'' if n == 1 else 's'}",
        lambda n: RESULTS[n],
    ),
    (
        "Show %(counter)s result",
        "Show %(counter)s results",
        lambda n: f"Show {n} result{'' if n == 1 else 's'}",
        lambda n: f"Dangos {RESULTS[n]}",
    ),
    (
        "%(counter)s case study",
        "%(counter)s case studies",
        lambda n: f"{n} case stud{'y' if n == 1 else 'ies'}",
        lambda n: CASE_STUDIES[n],
    ),
    (
        "Search %(counter)s case study of council innovation by topic, support received and keyword.",
        "Search %(counter)s case studies of council innovation by topic, support received and keyword.",
        lambda n: (
            f"Search {n} case stud{'y' if n == 1 else 'ies'} of council innovation by topic, support received"
            " and keyword."
        ),
        lambda n: (
            f"Chwiliwch drwy {CASE_STUDIES[n]} am arloesi gan gynghorau, yn ôl pwnc, y cymorth a gafwyd a gair"
            " allweddol."
        ),
    ),
    (
        "%(counter)s council with published case studies, by region.",
        "%(counter)s councils with published case studies, by region.",
        lambda n: f"{n} council{'' if n == 1 else 's'} with published case studies, by region.",
        lambda n: f"{COUNCILS[n]} ag astudiaethau achos wedi’u cyhoeddi, yn ôl rhanbarth.",
    ),
    (
        "%(count)d selected",
        "%(count)d selected",
        lambda n: f"{n} selected",
        lambda n: f"{n} wedi’u dewis",
    ),
]


def counted(singular: str, plural: str, n: int) -> str:
    return ngettext(singular, plural, n) % {"counter": n, "count": n}


@pytest.mark.parametrize("n", COUNTS)
@pytest.mark.parametrize(
    ("singular", "plural", "english", "welsh"), COUNTED, ids=[c[0][:30] for c in COUNTED]
)
def test_every_counted_message_is_right_in_both_languages(singular, plural, english, welsh, n):
    with translation.override("en-gb"):
        assert counted(singular, plural, n) == english(n)
    with translation.override("cy"):
        assert counted(singular, plural, n) == welsh(n)


@pytest.mark.parametrize("n", COUNTS)
def test_the_noun_after_a_facet_count_takes_the_numbers_form(n):
    with translation.override("cy"):
        assert f"{n} {ngettext('case study', 'case studies', n)}" == CASE_STUDIES[n]


@pytest.mark.parametrize("po", [PO, JS_PO], ids=["django", "djangojs"])
def test_the_catalogue_has_welshs_six_plural_forms(po):
    header = parse_po(po.read_text(encoding="utf-8"))[0]
    assert f"Plural-Forms: {PLURAL_FORMS}" in header.msgstr[0].replace("\\n", "")
    assert gettext.c2py(PLURAL_FORMS.split("plural=")[1].rstrip(";"))(6) == 4  # CLDR "many"


# --- The catalogue is complete, and the committed .mo is the compiled .po ---------------------------------------


class Entry:
    def __init__(self):
        self.msgctxt: str | None = None
        self.msgid = ""
        self.msgid_plural: str | None = None
        self.msgstr: dict[int, str] = {}
        self.flags: set[str] = set()
        self.obsolete = False

    @property
    def key(self) -> str:
        return f"{self.msgctxt}\x04{self.msgid}" if self.msgctxt is not None else self.msgid


def _unquote(text: str) -> str:
    return bytes(text.strip()[1:-1], "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")


def parse_po(text: str) -> list[Entry]:
    """A small reader of .po files: enough for the checks here (no gettext needed)."""
    entries, entry, field = [], Entry(), None

    def finish():
        nonlocal entry
        if field is not None:
            entries.append(entry)
        entry = Entry()

    for raw in [*text.splitlines(), ""]:
        line = raw.strip()
        if not line:
            finish()
            field = None
            continue
        if line.startswith("#~"):
            entry.obsolete = True
            line = line[2:].strip()
            if not line:
                continue
        elif line.startswith("#,"):
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        elif line.startswith("#"):
            continue
        match = re.match(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(\".*\")$", line)
        if match:
            name, index, value = match.groups()
            if name == "msgid" and field is not None and field.startswith("msgstr"):
                finish()
            field = name if index is None else f"msgstr[{index}]"
            value = _unquote(value)
        else:
            value = _unquote(line)
        if field == "msgctxt":
            entry.msgctxt = (entry.msgctxt or "") + value
        elif field == "msgid":
            entry.msgid += value
        elif field == "msgid_plural":
            entry.msgid_plural = (entry.msgid_plural or "") + value
        else:
            number = int(field[7:-1]) if field.startswith("msgstr[") else 0
            entry.msgstr[number] = entry.msgstr.get(number, "") + value
    return entries


def catalogue(po: Path = PO) -> list[Entry]:
    return [entry for entry in parse_po(po.read_text(encoding="utf-8")) if entry.msgid]


@pytest.mark.parametrize(("po", "at_least"), [(PO, 40), (JS_PO, 5)], ids=["django", "djangojs"])
def test_every_message_is_translated_none_fuzzy_none_obsolete(po, at_least):
    entries = parse_po(po.read_text(encoding="utf-8"))
    assert "fuzzy" not in entries[0].flags, "the header is marked fuzzy"
    problems = [
        entry.msgid
        for entry in entries[1:]
        if entry.obsolete
        or "fuzzy" in entry.flags
        or not entry.msgstr
        or any(not text for text in entry.msgstr.values())
        or (entry.msgid_plural is not None and sorted(entry.msgstr) != list(range(6)))
    ]
    assert problems == []
    assert len(entries) > at_least


def mo_catalogue(path: Path) -> dict:
    with path.open("rb") as handle:
        return dict(gettext.GNUTranslations(handle)._catalog)


@pytest.mark.parametrize("po", [PO, JS_PO], ids=["django", "djangojs"])
def test_the_committed_mo_holds_every_translation_of_the_po(po):
    compiled = mo_catalogue(po.with_suffix(".mo"))
    for entry in catalogue(po):
        if entry.msgid_plural is None:
            assert compiled.get(entry.key) == entry.msgstr[0], entry.msgid
        else:
            for number, text in entry.msgstr.items():
                assert compiled.get((entry.key, number)) == text, entry.msgid


@pytest.mark.parametrize("po", [PO, JS_PO], ids=["django", "djangojs"])
def test_the_committed_mo_is_the_po_compiled(tmp_path, po):
    needs("msgfmt")
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", str(tmp_path / "django.mo"), str(po)],
        capture_output=True,
        text=True,
        env={**os.environ, "LC_ALL": "C"},
    )
    assert result.returncode == 0, result.stderr
    assert "fuzzy" not in result.stderr and "untranslated" not in result.stderr, result.stderr
    mo = po.with_suffix(".mo")
    assert mo_catalogue(tmp_path / "django.mo") == mo_catalogue(mo), f"{mo.name} is stale: run msgfmt (docs)"


@pytest.mark.parametrize("domain", CATALOGUES)
def test_makemessages_finds_no_new_message(tmp_path, domain):
    """A string newly marked for translation without a Welsh translation fails here (and so in CI): in Python and
    templates (django.po), and in the scripts (djangojs.po)."""
    needs("xgettext")
    needs("msgmerge")
    po, folders = CATALOGUES[domain]
    copy = tmp_path / "project"
    for name in folders:
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    shutil.copytree(ROOT / "locale", copy / "locale")
    before = {entry.key: entry for entry in catalogue(po)}
    cwd = os.getcwd()
    os.chdir(copy)
    try:
        with override_settings(LOCALE_PATHS=[copy / "locale"]):
            call_command("makemessages", locale=["cy"], domain=domain, no_location=True, verbosity=0)
    finally:
        os.chdir(cwd)
    after = [
        entry for entry in parse_po((copy / po.relative_to(ROOT)).read_text(encoding="utf-8")) if entry.msgid
    ]
    current = {entry.key for entry in after if not entry.obsolete}
    assert sorted(current - set(before)) == [], "new messages without a Welsh translation"
    assert sorted(set(before) - current) == [], "messages no longer used: remove them from the catalogue"
    assert [entry.msgid for entry in after if "fuzzy" in entry.flags] == []
