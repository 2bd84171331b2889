"""{% translate %} of a constant kept per language (casestudies.templatetags.kept_i18n, issue 23)."""

from django.template import engines
from django.templatetags.i18n import TranslateNode
from django.utils import translation

from casestudies.templatetags.kept_i18n import KeptTranslateNode

ENGINE = engines["django"]


def nodes_of(template) -> list:
    return [node for node in template.template.nodelist if isinstance(node, TranslateNode)]


def test_the_kept_node_is_for_a_constant_only():
    template = ENGINE.from_string(
        "{% load kept_i18n %}{% translate 'Wales' %}{% translate 'Main' context 'navigation' %}"
        "{% translate word %}{% translate 'Wales'|upper %}{% translate 'Wales' as name %}"
    )

    kinds = [type(node) for node in nodes_of(template)]

    assert kinds == [KeptTranslateNode, KeptTranslateNode, TranslateNode, TranslateNode, TranslateNode]


def test_a_kept_translation_follows_the_active_language():
    template = ENGINE.from_string("{% load kept_i18n %}{% translate 'Wales' %}|{% translate word %}")

    shown = []
    for language in ("en-gb", "cy", "en-gb", "cy"):
        with translation.override(language):
            shown.append(template.render({"word": "Scotland"}))

    assert shown == ["Wales|Scotland", "Cymru|Yr Alban", "Wales|Scotland", "Cymru|Yr Alban"]


SOURCES = [
    "{% translate 'Wales' %} {% translate 'Main' context 'navigation' %} {% translate 'Wales' noop %}",
    "{% translate 'Wales & <Scotland>' %}{% autoescape off %}{% translate 'Wales & <Scotland>' %}{% endautoescape %}",
    "{% translate word %} {% translate word|upper %} {% translate 'Wales' as name %}{{ name }}",
    "{% translate '100%% sure' %} {% blocktranslate count counter=3 %}{{ counter }} result{% plural %}"
    "{{ counter }} results{% endblocktranslate %}",
]


def test_every_form_renders_as_djangos_own_library_renders_it_in_both_languages():
    shown, expected = [], []
    for language in ("en-gb", "cy", "en-gb"):
        with translation.override(language):
            for source in SOURCES:
                context = {"word": "Scotland <b>"}
                shown.append(ENGINE.from_string("{% load kept_i18n %}" + source).render(context))
                expected.append(ENGINE.from_string("{% load i18n %}" + source).render(context))

    assert shown == expected
    assert shown[4] == "Cymru Prif ddewislen Wales"
