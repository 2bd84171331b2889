"""Django's ``i18n`` template library with ``{% translate %}`` of a constant kept per language (issue 23).

Our templates ``{% load kept_i18n %}`` instead of ``i18n``: the same tags, which ``makemessages`` reads as ever (it
reads the template text, not the library). A ``{% translate "Skip to main content" %}`` renders the same text every
time in a language, but Django looks it up again on each render, about 7 microseconds with its chain of catalogues,
and a list page has some thirty. A constant one (no variable, no filter, no ``as``, a constant context) keeps what
it rendered per language and autoescaping; any other form is Django's node as it is.
"""

from django import template
from django.templatetags import i18n
from django.utils.translation import get_language

register = template.Library()
register.tags.update(i18n.register.tags)
register.filters.update(i18n.register.filters)


class KeptTranslateNode(i18n.TranslateNode):
    def __init__(self, node: i18n.TranslateNode):
        super().__init__(node.filter_expression, node.noop, node.asvar, node.message_context)
        self.kept: dict[tuple[str | None, bool], str] = {}

    def render(self, context) -> str:
        key = (get_language(), context.autoescape)
        found = self.kept.get(key)
        if found is None:
            found = self.kept[key] = super().render(context)
        return found


def _constant(expression) -> bool:
    """A filter expression that is a quoted string without filters."""
    if expression is None:
        return True
    var = expression.var  # a constant's value itself, or a Variable (literal when quoted)
    literal = isinstance(var, str) or (isinstance(var, template.Variable) and var.literal is not None)
    return literal and not expression.filters


@register.tag("translate")
@register.tag("trans")
def do_translate(parser, token):
    node = i18n.do_translate(parser, token)
    if node.asvar is None and _constant(node.filter_expression) and _constant(node.message_context):
        return KeptTranslateNode(node)
    return node
