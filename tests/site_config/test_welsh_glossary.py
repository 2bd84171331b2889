"""The Welsh catalogue uses the glossary's terms (docs/welsh-glossary.md, issue 23: "consistent terms throughout").

Each message whose English has one of the terms below must have the glossary's Welsh word in its translation, in
any of the forms Welsh mutation gives its first letter (soft, nasal, aspirate, and "h" before a vowel), so that
"outcome" is never "canlyniad" (search results) in one place and "deilliant" in another. Placeholders, markup,
code and web addresses are left out of the English first: ``%(council)s`` is not the word "council".
"""

import gettext
import re
from pathlib import Path

import pytest

CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "cy" / "LC_MESSAGES" / "django.mo"

# English term (a pattern) -> the glossary's Welsh words for it, unmutated.
TERMS = {
    r"\bcase stud(?:y|ies)\b": ("astudiaeth", "astudiaethau"),
    r"\boutcomes?\b": ("deilliant", "deilliannau"),
    r"\bevidence\b": ("tystiolaeth",),
    r"\bfilters?\b": ("hidlydd", "hidlwyr", "hidlo"),
    r"\btopics?\b": ("pwnc", "pynciau"),
    r"\bcouncils?\b": ("cyngor", "cynghorau"),
    r"\bkeywords?\b": ("allweddol",),
    r"\bregions?\b": ("rhanbarth", "rhanbarthau"),
    r"\bsavings\b": ("arbedion",),
    r"\bevaluation\b": ("gwerthusiad", "gwerthuso"),
}
MUTATIONS = {
    "p": ("b", "mh", "ph"),
    "t": ("d", "nh", "th"),
    "c": ("g", "ngh", "ch"),
    "b": ("f", "m"),
    "d": ("dd", "n"),
    "g": ("", "ng"),
    "m": ("f",),
    "ll": ("l",),
    "rh": ("r",),
}
NOT_WORDS = re.compile(r"%\(\w+\)[sdf]|<code>.*?</code>|<[^>]*>|https?://\S+", re.S)
WELSH_LETTER = "a-zâêîôûŵŷäëïöüẅÿáéíóú"


def mutated(word: str) -> set[str]:
    """``word`` and the forms mutation gives it at the start of a word."""
    forms = {word}
    for start, replacements in MUTATIONS.items():
        if word.startswith(start):
            forms |= {replacement + word[len(start) :] for replacement in replacements}
    if word[0] in "aeiouwy":
        forms.add("h" + word)
    return forms


def has_term(welsh: str, words: tuple[str, ...]) -> bool:
    text = welsh.lower()
    return any(
        re.search(rf"(?<![{WELSH_LETTER}]){re.escape(form)}", text)
        for word in words
        for form in mutated(word)
    )


def messages() -> list[tuple[str, str]]:
    with CATALOGUE.open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)._catalog
    found = []
    for key, welsh in catalogue.items():
        english = (key[0] if isinstance(key, tuple) else key).split("\x04")[-1]
        if english:
            found.append((NOT_WORDS.sub(" ", english), welsh))
    return found


def test_every_message_uses_the_glossarys_terms():
    off = [
        f"{pattern}: {english[:80]!r} -> {welsh[:80]!r}"
        for english, welsh in messages()
        for pattern, words in TERMS.items()
        if re.search(pattern, english, re.IGNORECASE) and not has_term(welsh, words)
    ]

    assert off == []


@pytest.mark.parametrize(
    ("welsh", "words", "expected"),
    [
        ("Dim deilliannau wedi’u mesur", ("deilliant", "deilliannau"), True),
        ("lefel y dystiolaeth", ("tystiolaeth",), True),  # soft mutation
        ("yng Nghyngor Caerdydd", ("cyngor",), True),  # nasal mutation
        ("Porwch bwnc", ("pwnc",), True),
        ("Dim canlyniadau", ("deilliant", "deilliannau"), False),  # search results, not outcomes
        ("anhystiolaethol", ("tystiolaeth",), False),  # inside another word
    ],
)
def test_has_term_knows_mutations(welsh, words, expected):
    assert has_term(welsh, words) is expected


def test_messages_leave_out_placeholders_and_code():
    english = dict(messages())

    assert not any(re.search(r"%\(|<code>", text) for text in english)
