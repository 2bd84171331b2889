"""The lead-council field: a plain ``<select>`` of current councils that a script turns into a type-to-find
picker (static/js/council-picker.js)."""

from django import forms
from django.utils.html import format_html, format_html_join

from casestudies.models import Council

from .welsh import welsh_names


class CouncilSelect(forms.Select):
    """A plain ``<select>`` that carries each council's official name, and a Welsh council's Welsh names, for the
    type-to-find picker (static/js/council-picker.js) to match on as well as the short name. The Welsh names are
    only data attributes: without JavaScript it is the select, in English."""

    def __init__(self, attrs=None):
        super().__init__({"data-council-picker": "", **(attrs or {})})

    def render(self, name, value, attrs=None, renderer=None):
        """The same HTML as Django's select templates, written here: through a template per option the 400-odd
        councils took most of the submission page's time on the server (and Lighthouse counts that time)."""
        context = self.get_context(name, value, attrs)["widget"]
        if any(group for group, _, _ in context["optgroups"]):
            return super().render(name, value, attrs, renderer)
        options = format_html_join(
            "",
            '\n  <option value="{}"{}>{}</option>',
            (
                (option["value"], html_attributes(option["attrs"]), option["label"])
                for _, group, _ in context["optgroups"]
                for option in group
            ),
        )
        return format_html(
            '<select name="{}"{}>{}\n</select>', context["name"], html_attributes(context["attrs"]), options
        )

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        council = getattr(value, "instance", None)
        if council is None:
            return option
        if council.official_name and council.official_name != council.name:
            option["attrs"]["data-official-name"] = council.official_name
        welsh = welsh_names().get(council.code, {})
        if welsh.get("name"):
            option["attrs"]["data-welsh-name"] = welsh["name"]
        if welsh.get("official_name"):
            option["attrs"]["data-welsh-official-name"] = welsh["official_name"]
        return option


def html_attributes(attrs: dict) -> str:
    """Attributes as django/forms/widgets/attrs.html writes them: in order, ``True`` bare, ``False`` left out."""
    return format_html_join(
        "",
        " {}{}",
        (
            (name, "" if value is True else format_html('="{}"', value))
            for name, value in attrs.items()
            if value is not False
        ),
    )


class CouncilChoiceField(forms.ModelChoiceField):
    widget = CouncilSelect

    def label_from_instance(self, obj: Council) -> str:
        return obj.name
