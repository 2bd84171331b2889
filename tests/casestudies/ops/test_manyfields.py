"""Leaving out the fields a view does not read: the urlencoded scan and the multipart filter."""

import io

from django.test.client import BOUNDARY, encode_multipart

from casestudies.ops.manyfields import SAMPLE, PartFilter, parse_urlencoded

KNOWN = {"title": 1, "topics": 2}


def filtered(data: dict, known=KNOWN, chunk: int = 7) -> tuple[bytes, list[str]]:
    body = encode_multipart(BOUNDARY, data)
    parts = PartFilter(io.BytesIO(body), BOUNDARY.encode(), known)
    out = b""
    while piece := parts.read(chunk):
        out += piece
    return out, parts.dropped


def test_parse_urlencoded_keeps_known_names_up_to_their_counts():
    body = b"title=A+%C2%A3&junk=1&topics=a&topics=b&topics=c&title=again&csrfmiddlewaretoken=t"

    post, dropped = parse_urlencoded(body, KNOWN)

    assert dict(post.lists()) == {"title": ["A £"], "topics": ["a", "b"], "csrfmiddlewaretoken": ["t"]}
    assert dropped == ["junk", "topics", "title"]


def test_parse_urlencoded_remembers_only_a_sample_of_what_it_dropped():
    body = "&".join(f"row_{n}=x" for n in range(10_000)).encode()

    post, dropped = parse_urlencoded(body, KNOWN)

    assert (len(post), len(dropped), dropped[0]) == (0, SAMPLE, "row_0")


def test_part_filter_gives_the_parser_only_known_fields_and_every_file():
    data = {"title": "Kept", "junk": "left out", "topics": ["a", "b", "c"]}
    data["report"] = io.BytesIO(b"%PDF-1.4 bytes")
    data["report"].name = "report.pdf"

    out, dropped = filtered(data)

    expected = encode_multipart(BOUNDARY, {"title": "Kept", "topics": ["a", "b"]})
    assert b'name="junk"' not in out and b"left out" not in out
    assert out.count(b'name="topics"') == 2
    assert b'filename="report.pdf"' in out and b"%PDF-1.4 bytes" in out
    assert out.startswith(b"\r\n" + expected[: expected.index(b'name="topics"')])
    assert out.endswith(f"--{BOUNDARY}--\r\n".encode())
    assert dropped == ["junk", "topics"]


def test_part_filter_passes_a_body_with_only_known_fields_unchanged():
    data = {"title": "Whole", "topics": ["a"]}

    out, dropped = filtered(data, chunk=3)

    assert (out, dropped) == (b"\r\n" + encode_multipart(BOUNDARY, data), [])
