"""The form's Welsh version (issue 23): which language the case study is written in, and the Welsh title, summary and
sections beside the English ones.

Without JavaScript both sets are on the page, each Welsh field labelled "in Welsh", and the answer to "Which
language is your case study written in?" decides which set is required; the server validates it (all or nothing,
like the admin: ``CaseStudy.clean``). ``static/js/language-choice.js`` only hides the set not chosen.

What is stored (``SubmissionForm.to_submission`` through ``texts()``):

- English: the English fields, as before; no Welsh version.
- Welsh: the Welsh version in the ``*_cy`` columns, and the same text in the English columns, so that the slug,
  search, cards, feeds and exports have it. Such a case study is ``CaseStudy.welsh_only``: English pages show it
  marked ``lang="cy"`` with a note that it is in Welsh only, and it is publishable like any other (Welsh is not
  treated less favourably than English). An English version added later (by an editor, or by the council
  choosing "both") is typed over the English fields.
- Both: each set in its own columns.
"""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from casestudies.models import CaseStudy
from casestudies.ops.languages import is_welsh

ENGLISH, WELSH, BOTH = "en", "cy", "both"
LANGUAGE_CHOICES = [(ENGLISH, _("English")), (WELSH, _("Welsh")), (BOTH, _("English and Welsh"))]
# The English field of each Welsh one, in the template's order.
WELSH_OF = dict(CaseStudy.WELSH)
FIELDS = list(WELSH_OF.values())
# The open-data export's column names (``public.exports``), so each is one message.
LABELS = {
    "title_cy": _("Title in Welsh"),
    "summary_cy": _("Summary in Welsh"),
    "challenge_cy": _("The challenge, in Welsh"),
    "solution_cy": _("The solution, in Welsh"),
    "impact_cy": _("The impact, in Welsh"),
    "sustainability_cy": _("How the approach is being sustained, in Welsh"),
    "lessons_cy": _("Lessons learned, in Welsh"),
}
REQUIRED_MESSAGES = {
    "title_cy": _("Enter a title in Welsh"),
    "summary_cy": _("Enter a summary in Welsh"),
    "challenge_cy": _("Describe the challenge in Welsh"),
    "solution_cy": _("Describe the solution in Welsh"),
    "impact_cy": _("Describe the impact in Welsh"),
    "sustainability_cy": _("Say in Welsh how the approach is being sustained"),
    "lessons_cy": _("Enter the lessons learned in Welsh"),
}


def language_of(case_study: CaseStudy) -> str:
    """The answer to the language question for a stored case study."""
    if not case_study.has_welsh:
        return ENGLISH
    return WELSH if case_study.welsh_only else BOTH


def welsh_initial(case_study: CaseStudy) -> dict[str, Any]:
    """A stored case study's language and Welsh version as the form's initial answers. A Welsh-only case study's
    English fields hold its Welsh text: they start empty, so that choosing "both" asks for an English version."""
    initial: dict[str, Any] = {"language": language_of(case_study)}
    initial |= {name: getattr(case_study, name) for name in FIELDS}
    if initial["language"] == WELSH:
        initial |= dict.fromkeys(WELSH_OF, "")
    return initial


class WelshMixin:
    """Adds the language question and the Welsh fields to ``SubmissionForm`` (call ``add_welsh_fields`` before the
    form's messages and the saving mode are set up)."""

    fields: dict[str, forms.Field]
    data: Any
    is_bound: bool
    initial: dict[str, Any]

    def add_welsh_fields(self) -> None:
        default = WELSH if is_welsh() else ENGLISH
        self.fields["language"] = forms.ChoiceField(
            label=_("Which language is your case study written in?"),
            choices=LANGUAGE_CHOICES,
            initial=default,
            widget=forms.RadioSelect,
            help_text=_(
                "Write each part in the boxes for the language you choose: the boxes for Welsh say “in Welsh”. "
                "If you choose English and Welsh, fill in both."
            ),
            required=False,  # one is always chosen; a post without the question (sent before it) is in English
        )
        self.initial.setdefault("language", default)
        for english, welsh in WELSH_OF.items():
            field = self.fields[english].__deepcopy__({})
            field.label = LABELS[welsh]
            field.error_messages = {**field.error_messages, "required": REQUIRED_MESSAGES[welsh]}
            field.widget.attrs["lang"] = (
                "cy"  # what is typed there is Welsh: spelling checkers and screen readers
            )
            self.fields[welsh] = field
        # In the page's order, so that the error summary lists them as they come: the question first, each Welsh
        # box after its English one.
        order = ["language"]
        for name in self.fields:
            if name != "language" and name not in FIELDS:
                order += [name, WELSH_OF[name]] if name in WELSH_OF else [name]
        self.fields = {name: self.fields[name] for name in order}
        chosen = self.chosen_language()
        for english, welsh in WELSH_OF.items():
            self.fields[english].required = chosen != WELSH
            self.fields[welsh].required = chosen != ENGLISH

    def chosen_language(self) -> str:
        """The language the post says (English when it says none, as a post from before the question did)."""
        if not self.is_bound:
            return str(self.initial.get("language") or ENGLISH)
        value = self.data.get("language")
        return value if value in (ENGLISH, WELSH, BOTH) else ENGLISH

    def clean_language(self) -> str:
        return self.chosen_language()

    def texts(self, cleaned: dict[str, Any]) -> dict[str, str]:
        """The title, summary and sections to store, English and Welsh columns, for the language chosen."""
        chosen = cleaned.get("language") or ENGLISH
        english = {name: (cleaned.get(name) or "").strip() for name in WELSH_OF}
        welsh = {name: (cleaned.get(name) or "").strip() for name in FIELDS}
        if chosen == ENGLISH:
            return english | dict.fromkeys(FIELDS, "")
        if chosen == WELSH:
            return {english_name: welsh[name] for english_name, name in WELSH_OF.items()} | welsh
        return english | welsh
