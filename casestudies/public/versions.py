"""A case study in the page's language (issue 23): its Welsh version on a Welsh page when it has one, else its English
text marked ``lang="en"`` with a note in Welsh that it is in English only. English pages show the English, or, for a
case study written in Welsh only (``CaseStudy.welsh_only``), its Welsh version marked ``lang="cy"`` with a note in
English that it is in Welsh only.

A Welsh version is whole or absent (``CaseStudy.clean``), so the whole case study is in one language: ``lang`` is
what its text elements carry (``""`` when the text is in the page's language, ``"en"`` when English stands in on a
Welsh page, ``"cy"`` when Welsh stands in on an English page).
"""

from dataclasses import dataclass

from casestudies.models import CaseStudy

from .languages import HTML_LANG, WELSH, is_welsh


@dataclass(frozen=True)
class Shown:
    """What the page shows of a case study. Each field is read when asked for (a feed defers the sections)."""

    case_study: CaseStudy
    language: str  # the text's language (Django's code): "cy" or "en-gb"
    lang: str  # for lang="" on the text's elements: "" in the page's language, else "en" or "cy"
    english_only: bool  # a Welsh page showing the English: it says so
    welsh_only: bool = False  # an English page showing the Welsh (there is no English version): it says so

    def text(self, field: str) -> str:
        """The text shown for ``field`` (``title``, ``summary`` or a section)."""
        return getattr(self.case_study, CaseStudy.WELSH[field] if self.language == WELSH else field)

    @property
    def title(self) -> str:
        return self.text("title")

    @property
    def summary(self) -> str:
        return self.text("summary")

    @property
    def untranslated_lang(self) -> str:
        """For lang="" on what has no Welsh version (the partners, the contact's job title): "en" on a Welsh page."""
        if self.welsh_only:
            return ""  # written by a council that wrote in Welsh: we cannot say which language they are in
        return "en" if self.english_only or self.language == WELSH else ""

    @property
    def in_language(self) -> str:
        """The text's language for schema.org's ``inLanguage``: ``cy`` or ``en-GB``."""
        return HTML_LANG[self.language]


def shown(case_study: CaseStudy, language: str | None = None) -> Shown:
    """The case study's text for a page in ``language`` (the active language when None)."""
    text = case_study.text_language(language)
    welsh_page = is_welsh(language)
    return Shown(
        case_study,
        language=text,
        lang=case_study.text_lang(language),
        english_only=welsh_page and text != WELSH,
        welsh_only=not welsh_page and text == WELSH,
    )
