import pytest
from django.test import RequestFactory

from casestudies.models import CaseStudy
from casestudies.ops import dbrouter

rf = RequestFactory()


@pytest.fixture
def with_replica(monkeypatch):
    monkeypatch.setattr(dbrouter, "has_replica", lambda: True)


def route_read_during(request) -> str:
    seen = {}

    def view(req):
        seen["db"] = dbrouter.PrimaryReplicaRouter().db_for_read(CaseStudy)
        return None

    dbrouter.PrimaryForWritersMiddleware(view)(request)
    return seen["db"]


def test_router_reads_from_primary_without_a_replica():
    assert route_read_during(rf.get("/case-studies/")) == "default"


def test_router_sends_anonymous_public_reads_to_the_replica(with_replica):
    assert route_read_during(rf.get("/case-studies/?topic=digital")) == "replica"


def test_router_keeps_writes_and_editors_on_the_primary(with_replica, settings):
    signed_in = rf.get("/case-studies/")
    signed_in.COOKIES[settings.SESSION_COOKIE_NAME] = "abc"

    assert route_read_during(rf.post("/case-studies/submit/")) == "default"
    assert route_read_during(rf.get("/admin/casestudies/casestudy/")) == "default"
    assert route_read_during(signed_in) == "default"


def test_router_writes_and_migrates_only_on_the_primary(with_replica):
    router = dbrouter.PrimaryReplicaRouter()

    assert router.db_for_write(CaseStudy) == "default"
    assert (
        router.allow_migrate("default", "casestudies"),
        router.allow_migrate("replica", "casestudies"),
    ) == (
        True,
        False,
    )
