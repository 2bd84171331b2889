"""JSON for the web: ``<``, ``>`` and ``&`` written as ``\\u003c``, ``\\u003e`` and ``\\u0026``.

The same JSON to a parser, but a response body or a ``<script>`` block that echoes what someone typed can then never
carry markup, even if a browser, a proxy or a cache were to take it for HTML.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import JsonResponse

ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def escape(text: str) -> str:
    return text.translate(ESCAPES)


def dumps(data, **kwargs) -> str:
    return escape(json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder, **kwargs))


class SafeJSONEncoder(DjangoJSONEncoder):
    def encode(self, o) -> str:
        return escape(super().encode(o))


def json_response(data, **kwargs) -> JsonResponse:
    return JsonResponse(data, encoder=SafeJSONEncoder, json_dumps_params={"ensure_ascii": False}, **kwargs)
