"""The lead-council <select> is written without a template per council (400-odd options made the submission page
slow to serve, which cost it a Lighthouse point), and says exactly what Django's select templates say."""

import re

import pytest
from django import forms

from casestudies.submissions.forms import SubmissionForm
from tests.factories import make_council

pytestmark = pytest.mark.django_db


def between_tags(html: str) -> str:
    return re.sub(r">\s+<", "><", str(html).strip())


def councils(first: int, count: int) -> None:
    for n in range(first, first + count):
        make_council(f"Council {n:03}", code=f"C{n:03}", official_name=f"Council {n:03} Borough Council")


@pytest.mark.parametrize(
    ("data", "attrs"),
    [
        (None, {}),
        ({"lead_council": "KIR"}, {"aria-describedby": "id_lead_council-hint"}),
        ({"lead_council": "nope"}, {"aria-invalid": "true", "class": "select"}),
    ],
)
def test_council_select_writes_what_the_select_templates_write(data, attrs):
    make_council("Kirklees", code="KIR", official_name="Kirklees Council")
    make_council("Wigan", code="WGN", official_name="Wigan")
    make_council('Tom & "Jerry" <b>', code="TJ", official_name="Tom's <i>Council</i>")
    field = SubmissionForm(data=data)["lead_council"]
    widget = field.field.widget
    value = field.value()

    written = widget.render(field.html_name, value, {"id": field.auto_id, "required": True, **attrs})
    templated = forms.Select.render(
        widget, field.html_name, value, {"id": field.auto_id, "required": True, **attrs}
    )

    assert between_tags(written) == between_tags(templated)
    assert (
        'data-official-name="Tom&#x27;s &lt;i&gt;Council&lt;/i&gt;">Tom &amp; &quot;Jerry&quot; &lt;b&gt;<'
        in written
    )


def test_submission_page_renders_as_many_templates_whatever_the_number_of_councils(client):
    councils(0, 3)
    few = len(client.get("/case-studies/submit/").templates)
    councils(3, 40)

    response = client.get("/case-studies/submit/")

    assert response.content.count(b"<option value=") == 1 + 43
    assert len(response.templates) == few
