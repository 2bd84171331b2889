"""The pure parts of the browser-test helpers. No browser needed."""

from .helpers import describe_violations, heading_gaps


def test_heading_gaps():
    assert heading_gaps([1, 2, 3, 2, 2, 3]) == []
    assert heading_gaps([2, 1, 2]) == []  # an error summary's h2 before the h1
    assert heading_gaps([1, 3]) == ["h3 after h1"]
    assert heading_gaps([1, 2, 4, 2]) == ["h4 after h2"]
    assert heading_gaps([3]) == ["h3 after h1"]


def test_describe_violations_names_rule_impact_targets_and_page():
    violations = [
        {
            "id": "color-contrast",
            "impact": "serious",
            "help": "Elements must meet minimum color contrast ratio thresholds",
            "nodes": [{"target": [".card__meta"]}, {"target": ["#main-content > p"]}],
        }
    ]
    text = describe_violations(violations, "http://localhost/case-studies/")
    assert "1 axe violation(s) on http://localhost/case-studies/" in text
    assert "- color-contrast (serious)" in text
    assert "target: .card__meta  [http://localhost/case-studies/]" in text
    assert "target: #main-content > p" in text
