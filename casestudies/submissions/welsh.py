"""The Welsh councils' Welsh names, for the lead-council picker only (the site is not translated yet)."""

import json
from functools import cache
from pathlib import Path

from django.conf import settings

WELSH_NAMES = Path(settings.BASE_DIR) / "fixtures" / "welsh_council_names.json"


@cache
def welsh_names() -> dict[str, dict[str, str]]:
    """``{council code: {"name": ..., "official_name": ...}}`` from fixtures/welsh_council_names.json."""
    return json.loads(WELSH_NAMES.read_text(encoding="utf-8"))["councils"]
