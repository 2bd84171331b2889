import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROD_ENV = {
    "DJANGO_SETTINGS_MODULE": "site_config.settings.prod",
    "SECRET_KEY": "x7-" + "q9Zr2LmVw4Tb8NcYh3Ks6Pd1Fg5Jx0Ae" * 2,
    "ALLOWED_HOSTS": "casestudies.example.gov.uk",
    "DATABASE_URL": "postgres://app:secret@db.internal:5432/casestudies",
    "SITE_URL": "https://casestudies.example.gov.uk",
}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for themselves; a deployment never has it.
    clean = {k: v for k, v in os.environ.items() if k not in PROD_ENV and k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy_without_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PROD_ENV)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "SITE_URL"])
def test_production_refuses_to_start_without(missing):
    env = {k: v for k, v in PROD_ENV.items() if k != missing}

    result = manage("check", env=env)

    assert result.returncode == 1
    assert f"The environment variable {missing} must be set in production." in result.stderr


def show_setting(name: str, env: dict[str, str]) -> str:
    result = manage(
        "shell", "-v", "0", "-c", f"from django.conf import settings; print(settings.{name})", env=env
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_site_url_comes_from_the_environment():
    assert show_setting("SITE_URL", {**PROD_ENV, "SITE_URL": "https://casestudies.example.gov.uk/"}) == (
        "https://casestudies.example.gov.uk"
    )


@pytest.mark.parametrize(
    ("port", "expected"), [("8001", "http://127.0.0.1:8001"), ("", "http://127.0.0.1:8000")]
)
def test_development_links_follow_the_port_make_run_serves_on(port, expected):
    env = {"DJANGO_SETTINGS_MODULE": "site_config.settings.dev", "PORT": port, "SITE_URL": ""}

    assert show_setting("SITE_URL", env) == expected


def test_make_run_passes_its_port_to_the_links():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    run = makefile[makefile.index("\nrun:") : makefile.index("\ntest:")]

    assert "PORT=$(PORT)" in run


def test_health_checks_answer_plain_http_in_production():
    """Load balancers probe over HTTP: /healthz and /readyz must not redirect to HTTPS (every other page does)."""
    script = (
        "from django.test import Client; c = Client(); "
        "print(c.get('/healthz').status_code, c.get('/readyz').status_code, c.get('/case-studies/').status_code)"
    )
    result = manage("shell", "-v", "0", "-c", script, env={**PROD_ENV, "ALLOWED_HOSTS": "testserver"})

    assert result.returncode == 0, result.stderr
    healthz, readyz, page = result.stdout.split()[-3:]
    assert (healthz, page) == ("200", "301")
    assert readyz in {"200", "503"}  # the production database does not exist here; ready or not, no redirect


@pytest.mark.django_db
def test_every_page_sends_the_security_headers(client):
    response = client.get("/case-studies/")

    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert {part.strip() for part in policy.split(";")} >= {
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
    }
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Permissions-Policy"].startswith("camera=(), microphone=(), geolocation=()")


def test_production_sets_hsts_and_secure_cookies():
    code = (
        "from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.DEBUG)"
    )
    result = manage("shell", "-c", code, env=PROD_ENV)

    assert result.stdout.strip().splitlines()[-1] == "31536000 True True True True False"


@pytest.mark.django_db
def test_hsts_header_is_sent_over_https_with_production_values(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True

    response = client.get("/case-studies/", secure=True)

    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
